import type { Money } from '../../../shared/money.js';
import type { Instalment, PlanStanding } from './model.js';

/**
 * Instalment plans, pure: the schedule an officer agrees, and whether it stands.
 */

/** The same day of a later month, or that month's last day when it is shorter (31 January → 28 February). */
export function sameDayMonthsLater(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/**
 * `count` monthly instalments from `firstDueDate` that add up to `total` exactly: equal whole-øre
 * shares, the øre that do not divide evenly one each on the first instalments, so no instalment
 * differs from another by more than one øre and the sum is the total.
 */
export function planSchedule(total: Money, count: number, firstDueDate: string): Instalment[] {
  if (total <= 0n) throw new RangeError('a plan covers a positive amount');
  if (!Number.isInteger(count) || count < 1) throw new RangeError('a plan has at least one instalment');
  const share = total / BigInt(count);
  const remainder = Number(total % BigInt(count));
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueDate: sameDayMonthsLater(firstDueDate, i),
    amount: share + (i < remainder ? 1n : 0n),
  }));
}

/**
 * Whether a plan stands on `today`, given the total paid under it by then. An instalment is
 * missed when its due date has passed (it is before `today`) and what was paid does not reach
 * the sum of the instalments up to it: the plan is then broken, naming the first missed
 * instalment and by how much it is short. Paying ahead counts towards the next instalments.
 */
export function planStanding(schedule: readonly Instalment[], paid: Money, today: string): PlanStanding {
  let due = 0n;
  let paidUpTo = 0;
  for (const instalment of schedule) {
    due += instalment.amount;
    if (paid >= due) {
      paidUpTo = instalment.number;
      continue;
    }
    if (instalment.dueDate < today) return { state: 'BROKEN', missed: instalment, shortBy: due - paid };
    return { state: 'ACTIVE', paidUpTo };
  }
  return { state: 'COMPLETED' };
}
