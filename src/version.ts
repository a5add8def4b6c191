/** The library's version, stamped into every element class for diagnostics and double-load checks. */
export const VERSION = '0.1.0';
