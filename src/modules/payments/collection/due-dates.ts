/**
 * Due dates of customs credit, on calendar dates (YYYY-MM-DD, the authority's day), pure.
 *
 * The charges of a calendar month fall due on the credit due day (the 18th, as data) of the
 * following month (toll.no, customs credit). A due day that is not a working day moves to the next
 * working day, as the tax payment rules do for every tax claim (skattebetalingsloven § 10-1 second
 * paragraph): Saturdays, Sundays, the Norwegian public holidays (helligdager and høytidsdager:
 * New Year's Day, Maundy Thursday, Good Friday, Easter Monday, 1 May, Ascension Day, 17 May,
 * Whit Monday, Christmas Day and Boxing Day) and, as that rule says, 24 and 31 December.
 */

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function toDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const instant = toUtc(date);
  instant.setUTCDate(instant.getUTCDate() + days);
  return toDate(instant);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Easter Sunday of a year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The days of a year on which nothing falls due: public holidays and 24 and 31 December. */
export function nonWorkingDays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-17', '12-24', '12-25', '12-26', '12-31'].map((md) => `${year}-${md}`);
  // Maundy Thursday, Good Friday, Easter Monday, Ascension Day, Whit Monday.
  const moving = [-3, -2, 1, 39, 50].map((offset) => addDays(easter, offset));
  const days = new Set([...fixed, ...moving]);
  holidayCache.set(year, days);
  return days;
}

export function isWorkingDay(date: string): boolean {
  const weekday = toUtc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nonWorkingDays(Number(date.slice(0, 4))).has(date);
}

/** The day itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * When a charge on customs credit made on `chargedOn` falls due: `dueDay` of the following month
 * (across the year's end: December's charges fall due in January), moved to the next working day.
 */
export function creditDueDate(chargedOn: string, dueDay: number): string {
  const year = Number(chargedOn.slice(0, 4));
  const month = Number(chargedOn.slice(5, 7));
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const lastDay = new Date(Date.UTC(nextYear, nextMonth, 0)).getUTCDate();
  const day = Math.min(dueDay, lastDay);
  return nextWorkingDay(`${nextYear}-${String(nextMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** The calendar month (YYYY-MM) of a date: the period customs credit charges and its fee are counted in. */
export function creditMonthOf(date: string): string {
  return date.slice(0, 7);
}
