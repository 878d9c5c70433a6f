import type { IsoDate, Validity } from './types.js';

/**
 * Calendar dates as 'YYYY-MM-DD' strings. That form orders correctly as text, so validity windows
 * are compared without building Date objects, and no time zone can shift a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parts(date: IsoDate): [number, number, number] | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== null;
}

/**
 * The same day `months` later; a day that month lacks becomes its last day (31 January + 1 month is
 * 28 or 29 February), the usual reading of "N months after".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parts(date);
  if (!p) throw new RangeError(`not an ISO date: ${date}`);
  const [year, month, day] = p;
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A day as the number yyyymmdd. Prepared rate-book rows carry their window as two such numbers, and
 * an assessment turns its date into one once: comparing numbers on the hot path is cheaper than
 * comparing date strings, and orders the same way.
 */
export type Day = number;

/** `validTo: null` (open-ended) as a day after every real date. */
export const OPEN_END: Day = 99_999_999;

export interface Dated {
  fromDay: Day;
  toDay: Day;
}

export function dayOf(date: IsoDate): Day {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export function datedOf(row: Validity): Dated {
  return { fromDay: dayOf(row.validFrom), toDay: row.validTo === null ? OPEN_END : dayOf(row.validTo) };
}

/**
 * The rows of one key (a commodity code, a currency, a VAT class ...) over time, sorted by start and,
 * for single-row tables, without overlaps (which `prepareRateBook` guarantees). The windows are kept
 * in arrays of plain numbers beside the rows: every lookup in the engine goes through this one class,
 * so the lookup code sees one shape and stays fast, whatever the shape of the rows.
 */
export class Timeline<T extends Dated> {
  /** The newest row inline: most lookups are for a current date and end here, in one object. */
  private readonly lastFrom: number;
  private readonly lastTo: number;
  private readonly last: T | undefined;
  private readonly from: number[];
  private readonly to: number[];

  constructor(readonly rows: readonly T[]) {
    const last = rows[rows.length - 1];
    this.last = last;
    this.lastFrom = last === undefined ? OPEN_END + 1 : last.fromDay;
    this.lastTo = last === undefined ? 0 : last.toDay;
    this.from = rows.map((r) => r.fromDay);
    this.to = rows.map((r) => r.toDay);
  }

  /** The row in force on `day`: the newest row first, then a scan back through older ones. */
  at(day: Day): T | undefined {
    if (day >= this.lastFrom) return day <= this.lastTo ? this.last : undefined;
    for (let i = this.from.length - 2; i >= 0; i--) {
      if ((this.from[i] as number) <= day) return (this.to[i] as number) >= day ? this.rows[i] : undefined;
    }
    return undefined;
  }

  /** All rows in force on `day`, in order (for tables with several rows at once, like bands). */
  allAt(day: Day): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.from.length; i++) {
      if ((this.from[i] as number) <= day && (this.to[i] as number) >= day) out.push(this.rows[i] as T);
    }
    return out;
  }
}

export function rowInForce<T extends Dated>(timeline: Timeline<T> | undefined, day: Day): T | undefined {
  return timeline?.at(day);
}

export function rowsInForce<T extends Dated>(timeline: Timeline<T> | undefined, day: Day): T[] {
  return timeline === undefined ? [] : timeline.allAt(day);
}
