import * as z from 'zod/mini';
import type { ApiClient } from '../../src/api/api-client.js';
import { ErrorBodySchema } from '../../src/contract/error.js';
import { UploadResponseSchema } from '../../src/contract/forms.js';
import type { Upload } from '../../src/forms/definition.js';

/** A refused or failed upload; `code` is the server's error code (`file_type`, `file_too_large`, …) when it answered. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Sends one file to `POST {api}/uploads` as the request body, with the same
 * fetch and access token as every other API call of the page. The server
 * checks its size and real type against the field and answers the upload an
 * answer then refers to.
 */
export async function uploadFile(api: ApiClient, formId: string, fieldPath: string, file: File, signal: AbortSignal): Promise<Upload> {
  const { fetch: fetchImpl = globalThis.fetch.bind(globalThis), getAccessToken } = api.options;
  const url = new URL(`${api.baseUrl}/uploads`);
  url.searchParams.set('form', formId);
  url.searchParams.set('field', fieldPath);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
  const token = await getAccessToken?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(url.href, { method: 'POST', headers, body: file, signal, credentials: 'omit' });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new UploadError('The upload could not reach the server');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = z.safeParse(ErrorBodySchema, body);
    throw new UploadError(`The upload was refused (${response.status})`, error.success ? error.data.error.code : undefined, response.status);
  }
  const upload = z.safeParse(UploadResponseSchema, body);
  if (!upload.success) throw new UploadError('The server answered the upload outside its contract');
  return upload.data;
}
