/**
 * The town's clock. A Czech town's day, year and office hours are Prague's,
 * whatever the zone of the server or of the citizen's device.
 */
export interface PragueTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

let clock: Intl.DateTimeFormat | undefined;

/** A moment in Prague, each part zero-padded (`2026`, `03`, `09`, `17`, `05`, `00`). */
export function pragueTime(moment: Date = new Date()): PragueTime {
  clock ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Prague',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(clock.formatToParts(moment).map((part) => [part.type, part.value])) as unknown as PragueTime;
}

/** Today in Prague, `YYYY-MM-DD`. */
export function todayInPrague(now: Date = new Date()): string {
  const { year, month, day } = pragueTime(now);
  return `${year}-${month}-${day}`;
}
