import { ApiClient } from '../api/api-client.js';

/**
 * The page's API client sending extra headers with every call: the voter
 * token of an `anyone` poll (`X-Voter-Token`), the edit token of a rating
 * (`X-Edit-Token`) or the follow token of an anonymous report
 * (`X-Follow-Token`). Same base URL, fetch, timeout and bearer token. Kept
 * out of the shared chunk: only those widgets load it.
 */
export function withHeaders(api: ApiClient, extra: Record<string, string>): ApiClient {
  const fetchImpl = api.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return new ApiClient({
    ...api.options,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(extra)) headers.set(name, value);
      return fetchImpl(input, { ...init, headers });
    },
  });
}
