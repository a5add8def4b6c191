/**
 * Photos of problem reports: only JPEG, PNG and WebP by their content, and
 * stored without their metadata. A phone's photo carries where it was taken
 * (GPS), when, with which camera, and sometimes the owner's name: none of it
 * belongs to the town's public list of reports. The metadata is cut out at
 * the byte level, without decoding the image (no quality lost, no image
 * library): what is not pixels or needed to show them (colour profile,
 * orientation) goes.
 */
import { sniffType } from '../forms/files.js';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The photo's real type from its first bytes; undefined for anything but JPEG, PNG and WebP. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | undefined {
  const type = sniffType(bytes);
  return type && (PHOTO_TYPES as readonly string[]).includes(type) ? (type as PhotoType) : undefined;
}

/** A file whose structure cannot be followed (truncated, lengths out of bounds). */
export class BrokenImage extends Error {}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

// ---------------------------------------------------------------- JPEG

/** The Exif orientation (1–8) of an APP1 Exif segment's payload (after the length); undefined when it has none. */
function exifOrientation(segment: Uint8Array): number | undefined {
  // "Exif\0\0", then a TIFF header: II*\0 or MM\0*, the offset of IFD0
  if (ascii(segment, 0, 6) !== 'Exif\0\0') return undefined;
  const tiff = segment.subarray(6);
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112 && view.getUint16(entry + 2, little) === 3) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment (marker included) with a minimal Exif holding only the orientation. */
function orientationSegment(orientation: number): Uint8Array {
  const payload = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // Exif\0\0
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // big-endian TIFF, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/**
 * Whether a JPEG segment stays: the frame, tables and scans do; of the
 * application segments only APP0 (JFIF), APP2 holding an ICC colour profile
 * and APP14 "Adobe" (it says how to decode CMYK colours) stay; APP1
 * (Exif, XMP), APP13 (IPTC), comments and every other APPn go.
 */
function keepsJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xfe) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0) return true;
  if (marker === 0xe2) return ascii(payload, 0, 12) === 'ICC_PROFILE\0';
  if (marker === 0xee) return ascii(payload, 0, 5) === 'Adobe';
  return false;
}

export function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new BrokenImage('no JPEG start');
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  /** Where the orientation goes: after SOI and APP0. */
  let orientationAt = 1;
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new BrokenImage(`no marker at ${i}`);
    while (bytes[i + 1] === 0xff) i++; // fill bytes
    const marker = bytes[i + 1];
    if (marker === undefined) break;
    if (marker === 0xd9) {
      parts.push(Uint8Array.from([0xff, 0xd9]));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) throw new BrokenImage('a segment cut short');
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > bytes.length) throw new BrokenImage('a segment longer than the file');
    const payload = bytes.subarray(i + 4, i + 2 + length);
    if (marker === 0xe1 && orientation === undefined) orientation = exifOrientation(payload);
    if (keepsJpegSegment(marker, payload)) {
      parts.push(bytes.subarray(i, i + 2 + length));
      if (marker === 0xe0 && parts.length === 2) orientationAt = 2;
    }
    i += 2 + length;
    if (marker === 0xda) {
      // entropy-coded data: up to the next marker that is not a stuffed 0xFF00, a restart or fill
      const start = i;
      while (i < bytes.length) {
        if (bytes[i] === 0xff) {
          const next = bytes[i + 1];
          if (next === undefined) break;
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        }
        i++;
      }
      parts.push(bytes.subarray(start, i));
    }
  }
  if (orientation !== undefined && orientation !== 1) parts.splice(orientationAt, 0, orientationSegment(orientation));
  return concat(parts);
}

// ---------------------------------------------------------------- PNG

/** Text, time and Exif chunks: what a PNG may tell of its author, place and time. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 8;
  while (i < bytes.length) {
    if (i + 12 > bytes.length) throw new BrokenImage('a chunk cut short');
    const length = view.getUint32(i);
    const end = i + 12 + length;
    if (end > bytes.length) throw new BrokenImage('a chunk longer than the file');
    const type = ascii(bytes, i + 4, 4);
    if (!PNG_METADATA.has(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

// ---------------------------------------------------------------- WebP

export function stripWebp(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = ascii(bytes, i, 4);
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new BrokenImage('a chunk longer than the file');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Uint8Array.from(bytes.subarray(i, Math.min(end, riffEnd)));
      // VP8X flags: bit 3 Exif, bit 2 XMP
      if (type === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The photo without its metadata (throws BrokenImage for a file whose structure breaks off). */
export function stripMetadata(type: PhotoType, bytes: Uint8Array): Uint8Array {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  return stripWebp(bytes);
}
