/**
 * What an uploaded file really is and what it may be called: the type read
 * from its first bytes (never from its name or the browser's word), and a
 * name safe to show, store and put into an archive.
 */

/** The types whose content the server recognizes, with the extension a nameless file gets. */
export const KNOWN_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
} as const;
export type KnownType = keyof typeof KNOWN_TYPES;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The type the content's magic bytes say (PDF, PNG, JPEG, GIF, WebP); undefined for anything else. */
export function sniffType(bytes: Uint8Array): KnownType | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const MAX_NAME_LENGTH = 200;

/**
 * The file's name from `X-File-Name` (URI-encoded by the widget): decoded,
 * only the last part of a path, without control and invisible formatting
 * characters (a right-to-left override makes `fdp.exe` look like
 * `exe.pdf`), without leading dots, at most 200 characters. Empty or
 * missing: `soubor.<extension of the type>`.
 */
export function cleanFileName(header: string | string[] | undefined, type: KnownType): string {
  let name = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // not URI-encoded after all: taken as it came
  }
  name = name.split(/[/\\]/).pop()!;
  name = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').replace(/^[\s.]+/, '').trim();
  name = [...name].slice(0, MAX_NAME_LENGTH).join('').trim();
  return name || `soubor.${KNOWN_TYPES[type]}`;
}
