/** The API contract: one zod schema for each request and response, shared by widgets and server. */
export * from './error.js';
export * from './health.js';
export * from './ready.js';
export * from './me.js';
export * from './fees.js';
export * from './payments.js';
export * from './office.js';
export * from './forms.js';
export * from './polls.js';
export * from './feedback.js';
