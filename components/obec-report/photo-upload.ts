import * as z from 'zod/mini';
import type { ApiClient } from '../../src/api/api-client.js';
import { ErrorBodySchema } from '../../src/contract/error.js';
import { PhotoResponseSchema, type PhotoResponse } from '../../src/contract/feedback.js';

/** A refused or failed upload; `code` is the server's (`file_too_large`, `unsupported_type`, …) when it answered. */
export class PhotoError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Sends one photo to `POST {api}/report-photos` as the request body, with the
 * page's fetch and access token. The server sniffs its real type and strips
 * its metadata.
 */
export async function uploadPhoto(api: ApiClient, file: File, signal: AbortSignal): Promise<PhotoResponse> {
  const { fetch: fetchImpl = globalThis.fetch.bind(globalThis), getAccessToken } = api.options;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
  const token = await getAccessToken?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(`${api.baseUrl}/report-photos`, { method: 'POST', headers, body: file, signal, credentials: 'omit' });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new PhotoError('The upload could not reach the server', 'unreachable');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = z.safeParse(ErrorBodySchema, body);
    const code = error.success ? error.data.error.code : response.status === 413 ? 'file_too_large' : response.status === 415 ? 'unsupported_type' : undefined;
    throw new PhotoError(`The upload was refused (${response.status})`, code);
  }
  const photo = z.safeParse(PhotoResponseSchema, body);
  if (!photo.success) throw new PhotoError('The server answered the upload outside its contract');
  return photo.data;
}

/** A data: URL of the photo for its preview (a strict img-src allows data:, not blob:). */
export function previewOf(file: File): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' && reader.result.startsWith('data:image/') ? reader.result : '');
    reader.onerror = () => resolve('');
    reader.readAsDataURL(file);
  });
}
