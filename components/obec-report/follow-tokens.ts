/**
 * The anonymous reports this browser sent, per backend: their ids and follow
 * tokens (`X-Follow-Token`), so "Moje hlášení" can show them without an
 * account. Where storage is not allowed they live as long as the page.
 */
export interface Followed {
  id: string;
  token: string;
}

const inMemory = new Map<string, Followed[]>();
const keyOf = (api: string) => `obec-report:follow:${api}`;

export function followedReports(api: string): Followed[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(api)) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter((entry): entry is Followed => typeof entry?.id === 'string' && typeof entry?.token === 'string');
  } catch {
    return inMemory.get(api) ?? [];
  }
}

export function follow(api: string, report: Followed): void {
  const list = [report, ...followedReports(api).filter((entry) => entry.id !== report.id)].slice(0, 50);
  try {
    localStorage.setItem(keyOf(api), JSON.stringify(list));
  } catch {
    inMemory.set(api, list);
  }
}
