import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  creditDueDate,
  easterSunday,
  isWorkingDay,
  nextWorkingDay,
} from '../../../src/modules/payments/collection/due-dates.js';
import { lateInterest } from '../../../src/modules/payments/collection/interest.js';
import type { CollectionTerm, Instalment } from '../../../src/modules/payments/collection/model.js';
import { planSchedule, planStanding, sameDayMonthsLater } from '../../../src/modules/payments/collection/plans.js';
import { checkTerms, TermError, TermsBook } from '../../../src/modules/payments/collection/terms.js';

describe('due dates of customs credit', () => {
  it('finds Easter Sunday (published dates)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('knows weekends, public holidays and 24 and 31 December', () => {
    expect(isWorkingDay('2026-06-15')).toBe(true); // a Monday
    expect(isWorkingDay('2026-07-18')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-05-17')).toBe(false); // Constitution Day (a Sunday too)
    expect(isWorkingDay('2027-05-17')).toBe(false); // Constitution Day, a Monday
    expect(isWorkingDay('2026-05-14')).toBe(false); // Ascension Day 2026 (Easter + 39)
    expect(isWorkingDay('2026-05-25')).toBe(false); // Whit Monday 2026 (Easter + 50)
    expect(isWorkingDay('2026-04-02')).toBe(false); // Maundy Thursday
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(false);
    expect(isWorkingDay('2026-12-30')).toBe(true);
  });

  it('puts charges of a month due on the 18th of the following month', () => {
    expect(creditDueDate('2026-05-03', 18)).toBe('2026-06-18'); // a Thursday
    expect(creditDueDate('2026-05-31', 18)).toBe('2026-06-18');
    expect(creditDueDate('2026-06-01', 18)).toBe('2026-07-20'); // 18 July 2026 is a Saturday: Monday
  });

  it('crosses the year end: December charges fall due in January of the next year', () => {
    expect(creditDueDate('2026-12-31', 18)).toBe('2027-01-18'); // a Monday
    expect(creditDueDate('2025-12-01', 18)).toBe('2026-01-19'); // 18 January 2026 is a Sunday
  });

  it('moves a due day on a holiday to the next working day', () => {
    // 18 April 2025 is Good Friday, 21 April Easter Monday: due on Tuesday 22 April.
    expect(creditDueDate('2025-03-10', 18)).toBe('2025-04-22');
    // 17 May 2027 is a Monday holiday; with the due day as data set to the 17th it moves to the 18th.
    expect(creditDueDate('2027-04-30', 17)).toBe('2027-05-18');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
  });
});

const PERIODS = [
  { validFrom: '2025-01-01', validTo: '2025-06-30', ratePercent: '12.5' },
  { validFrom: '2025-07-01', validTo: '2025-12-31', ratePercent: '12.25' },
  { validFrom: '2026-01-01', validTo: null, ratePercent: '12' },
];

describe('late-payment interest', () => {
  it('runs from the day after the due date, by the day, on a 365-day year', () => {
    // NOK 10,000 for 30 days at 12 %: 10 000 × 0.12 × 30 / 365 = 98.630136… → 98.63.
    const { total, lines } = lateInterest(1_000_000n, '2026-03-01', '2026-03-31', PERIODS);
    expect(lines).toEqual([{ from: '2026-03-02', to: '2026-03-31', days: 30, ratePercent: '12', amount: 9863n }]);
    expect(total).toBe(9863n);
  });

  it('charges nothing on or before the due date, nor on nothing', () => {
    expect(lateInterest(1_000_000n, '2026-03-01', '2026-03-01', PERIODS).total).toBe(0n);
    expect(lateInterest(0n, '2026-03-01', '2026-04-01', PERIODS).total).toBe(0n);
  });

  it('splits at each change of rate and rounds each period half-up to øre, the total a sum of lines', () => {
    // NOK 1,234.56 from 2025-06-21 to 2025-07-10: 9 days at 12.5 %, 10 days at 12.25 %.
    const { total, lines } = lateInterest(123_456n, '2025-06-21', '2025-07-10', PERIODS);
    // 1234.56 × 0.125 × 9 / 365 = 3.80514… → 3.81; 1234.56 × 0.1225 × 10 / 365 = 4.14336… → 4.14.
    expect(lines.map((l) => [l.from, l.to, l.days, l.amount])).toEqual([
      ['2025-06-22', '2025-06-30', 9, 381n],
      ['2025-07-01', '2025-07-10', 10, 414n],
    ]);
    expect(total).toBe(795n);
  });

  it('rounds a half øre up', () => {
    // At 18.25 % a day is 0.05 % (18.25 / 365): NOK 10 earns exactly half an øre, NOK 9 0.45 øre.
    const periods = [{ validFrom: '2026-01-01', validTo: null, ratePercent: '18.25' }];
    expect(lateInterest(10_000n, '2026-01-01', '2026-01-02', periods).total).toBe(5n);
    expect(lateInterest(1_000n, '2026-01-01', '2026-01-02', periods).total).toBe(1n);
    expect(lateInterest(900n, '2026-01-01', '2026-01-02', periods).total).toBe(0n);
  });

  it('refuses a stretch of days no rate covers', () => {
    expect(() => lateInterest(1000n, '2024-12-01', '2025-01-05', PERIODS)).toThrow(RangeError);
  });
});

describe('instalment plans', () => {
  it('splits the amount into monthly instalments that add up exactly', () => {
    const schedule = planSchedule(100_001n, 3, '2026-01-31');
    expect(schedule).toEqual([
      { number: 1, dueDate: '2026-01-31', amount: 33_334n },
      { number: 2, dueDate: '2026-02-28', amount: 33_334n },
      { number: 3, dueDate: '2026-03-31', amount: 33_333n },
    ]);
    expect(schedule.reduce((sum, i) => sum + i.amount, 0n)).toBe(100_001n);
    expect(sameDayMonthsLater('2026-11-30', 3)).toBe('2027-02-28');
    expect(() => planSchedule(0n, 3, '2026-01-01')).toThrow(RangeError);
    expect(() => planSchedule(100n, 0, '2026-01-01')).toThrow(RangeError);
  });

  it('stands while every instalment due is paid, and breaks on the first one missed, saying which', () => {
    const schedule: Instalment[] = planSchedule(300_000n, 3, '2026-02-15');
    expect(planStanding(schedule, 0n, '2026-02-15')).toEqual({ state: 'ACTIVE', paidUpTo: 0 });
    expect(planStanding(schedule, 100_000n, '2026-03-10')).toEqual({ state: 'ACTIVE', paidUpTo: 1 });
    expect(planStanding(schedule, 150_000n, '2026-03-16')).toEqual({
      state: 'BROKEN',
      missed: { number: 2, dueDate: '2026-03-15', amount: 100_000n },
      shortBy: 50_000n,
    });
    // Paying ahead counts for the next instalment.
    expect(planStanding(schedule, 200_000n, '2026-03-16')).toEqual({ state: 'ACTIVE', paidUpTo: 2 });
    expect(planStanding(schedule, 300_000n, '2026-12-31')).toEqual({ state: 'COMPLETED' });
  });
});

describe('the terms as effective-dated data', () => {
  const shipped = JSON.parse(readFileSync('data/reference/collection-terms.json', 'utf8')).terms as CollectionTerm[];

  it('loads the shipped terms: the 18th, the statutory rate of each half-year, the periods and threshold', () => {
    const book = new TermsBook(checkTerms(shipped));
    expect(book.on('2026-06-15')).toEqual({
      creditDueDay: 18,
      creditMonthlyFee: 12_500n,
      reminderAfterDays: 14,
      collectionAfterDays: 28,
      approvalThreshold: 1_000_000n,
    });
    const rate = (date: string) => book.termOn('LATE_PAYMENT_INTEREST', date).value;
    expect(rate('2025-03-01')).toBe('12.50');
    expect(rate('2025-07-01')).toBe('12.25');
    expect(rate('2026-06-15')).toBe('12.00');
    expect(book.interestPeriods().find((p) => p.validFrom === '2025-01-01')?.ratePercent).toBe('12.5');
    expect(shipped.every((t) => t.source.length > 10)).toBe(true);
  });

  it('refuses overlapping rows, unknown kinds, bad values and a day outside every month', () => {
    const base: CollectionTerm = {
      kind: 'REMINDER_AFTER_DAYS',
      validFrom: '2026-01-01',
      validTo: null,
      value: '14',
      source: 'x',
    };
    expect(() =>
      checkTerms([
        { ...base, validTo: '2026-06-30' },
        { ...base, validFrom: '2026-06-01' },
      ]),
    ).toThrow(/overlaps/);
    // An open row runs until the next one.
    const book = new TermsBook(checkTerms([base, { ...base, validFrom: '2026-06-01', value: '10' }]));
    expect(book.termOn('REMINDER_AFTER_DAYS', '2026-05-31').value).toBe('14');
    expect(book.termOn('REMINDER_AFTER_DAYS', '2026-06-01').value).toBe('10');
    expect(() => checkTerms([{ ...base, kind: 'NOPE' as never }])).toThrow(TermError);
    expect(() => checkTerms([{ ...base, value: '-1' }])).toThrow(/non-negative/);
    expect(() => checkTerms([{ ...base, value: '1.5' }])).toThrow(/whole/);
    expect(() => checkTerms([{ ...base, kind: 'CREDIT_DUE_DAY', value: '31' }])).toThrow(/1 to 28/);
    expect(() => checkTerms([{ ...base, validTo: '2025-01-01' }])).toThrow(/ends before/);
    expect(() => checkTerms([{ ...base, source: ' ' }])).toThrow(/source/);
    expect(() => new TermsBook([base]).termOn('REMINDER_AFTER_DAYS', '2025-12-31')).toThrow(/no REMINDER_AFTER_DAYS/);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
