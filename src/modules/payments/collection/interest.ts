import { exactOf, exactOfMoney, integer, type Money, roundQuotientToOre, times } from '../../../shared/money.js';
import { addDays, daysBetween } from './due-dates.js';
import type { InterestLine, InterestPeriod } from './model.js';

/** Dates as YYYY-MM-DD compare as text. */
const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/**
 * Late-payment interest (forsinkelsesrente), pure: simple daily interest on what is unpaid, from
 * the day after the due date up to and including `until`, at the statutory rate of each day
 * (forsinkelsesrenteloven § 3: set for each half-year). A year counts 365 days, as the regulation's
 * rate is per year and the authorities compute it by the day. Each rate period's interest is
 * rounded half-up to øre once; the total is the sum of those lines, never rounded again. No
 * interest on interest: the principal is what is unpaid of the charge itself.
 */
export function lateInterest(
  principal: Money,
  dueDate: string,
  until: string,
  periods: readonly InterestPeriod[],
): { readonly total: Money; readonly lines: readonly InterestLine[] } {
  const lines: InterestLine[] = [];
  const first = addDays(dueDate, 1);
  if (principal <= 0n || until < first) return { total: 0n, lines };
  const sorted = [...periods].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  for (const period of sorted) {
    const from = laterOf(period.validFrom, first);
    const to = period.validTo === null ? until : earlierOf(period.validTo, until);
    if (to < from) continue;
    const days = daysBetween(from, to) + 1;
    // principal × rate% × days / (100 × 365), exact until the one rounding.
    const numerator = times(times(exactOfMoney(principal), exactOf(period.ratePercent)), integer(days));
    const amount = roundQuotientToOre(numerator, integer(36_500));
    lines.push({ from, to, days, ratePercent: period.ratePercent, amount });
  }
  const covered = lines.reduce((sum, line) => sum + line.days, 0);
  if (covered !== daysBetween(first, until) + 1) {
    throw new RangeError(`no late-payment interest rate covers every day from ${first} to ${until}`);
  }
  return { total: lines.reduce((sum, line) => sum + line.amount, 0n), lines };
}
