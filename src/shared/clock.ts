/**
 * The current time, injected so that services and tests agree on "now" and dates are computed
 * in the authority's time zone rather than the server's.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const AUTHORITY_TIME_ZONE = 'Europe/Oslo';

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: AUTHORITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) at the authority at the given instant. */
export function authorityDate(instant: Date): string {
  return dayFormatter.format(instant);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === text;
}
