import { describe, expect, it } from 'vitest';
import { additionalDuty, violationFee } from '../../src/modules/control/penalties/compute.js';
import type { CourtFee, ExemptionGround, PenaltyRule } from '../../src/modules/control/penalties/model.js';
import { formatMoney, parseMoney } from '../../src/shared/money.js';

/** The rules as seeded (data/penalties/penalty-rules.json), written out so a change to the file cannot pass unseen. */
const ADDITIONAL_DUTY_2023: PenaltyRule = {
  id: 'ADDITIONAL-DUTY-2023',
  kind: 'ADDITIONAL_DUTY',
  validFrom: '2023-01-01',
  validTo: null,
  ratePercent: '20',
  thresholdOre: 100_000n,
  maxMultiple: null,
  legalBasis: 'tollavgiftsloven §§ 12-3 and 12-4',
  source: 'test',
};
const VIOLATION_FEE_2023: PenaltyRule = {
  id: 'VIOLATION-FEE-2023',
  kind: 'VIOLATION_FEE',
  validFrom: '2023-01-01',
  validTo: null,
  ratePercent: null,
  thresholdOre: null,
  maxMultiple: 75,
  legalBasis: 'vareførselsloven § 12-2',
  source: 'test',
};
const VIOLATION_FEE_2017: PenaltyRule = {
  ...VIOLATION_FEE_2023,
  id: 'VIOLATION-FEE-2017',
  validFrom: '2017-01-01',
  validTo: '2022-12-31',
  legalBasis: 'tollforskriften § 16-17-1',
};
const COURT_FEES: CourtFee[] = [
  { id: 'COURT-FEE-2021', validFrom: '2021-01-01', validTo: '2021-12-31', amountOre: 119_900n, source: 'test' },
  { id: 'COURT-FEE-2025', validFrom: '2025-01-01', validTo: null, amountOre: 131_400n, source: 'test' },
];
const RULES = [ADDITIONAL_DUTY_2023, VIOLATION_FEE_2017, VIOLATION_FEE_2023];

function duty(advantage: string, decidedOn = '2026-06-15', ground: ExemptionGround | null = null) {
  const outcome = additionalDuty(RULES, { dutyAdvantage: parseMoney(advantage), decidedOn, ground });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.calculation;
}

describe('the additional duty', () => {
  it('is 20 % of the duty advantage, rounded half-up to øre, explained with its rule', () => {
    const calculation = duty('12345.67');
    expect(formatMoney(calculation.amount)).toBe('2469.13');
    expect(calculation.imposed).toBe(true);
    expect(calculation.notImposedReason).toBeNull();
    const [rate, threshold] = calculation.lines;
    expect(rate).toMatchObject({
      step: 'RATE',
      ruleId: 'ADDITIONAL-DUTY-2023',
      validFrom: '2023-01-01',
      validTo: null,
      basis: 1_234_567n,
      ratePercent: '20',
      amount: 246_913n,
    });
    expect(rate?.explanation).toContain('20 % of the duty advantage of NOK 12345.67');
    expect(threshold).toMatchObject({ step: 'THRESHOLD', basis: 246_913n, amount: 246_913n });
  });

  // The threshold is on the additional duty (tollavgiftsloven § 12-4 (1) d), not on the advantage:
  // an advantage around NOK 1,000 gives some NOK 200 of additional duty, which is never imposed.
  it.each(['999.99', '1000.00', '1000.01'])('is not imposed for a duty advantage of NOK %s', (advantage) => {
    const calculation = duty(advantage);
    expect(calculation.imposed).toBe(false);
    expect(calculation.notImposedReason).toBe('BELOW_THRESHOLD');
    expect(calculation.amount).toBe(0n);
    expect(formatMoney(calculation.computedAmount)).toBe('200.00');
    expect(calculation.lines[1]?.explanation).toContain('under NOK 1000.00');
  });

  it.each([
    ['4999.95', '999.99', false],
    ['4999.97', '999.99', false], // 999.994 rounds down: still under
    ['4999.98', '1000.00', true], // 999.996 rounds up to the threshold: compared as it would be imposed
    ['5000.00', '1000.00', true],
    ['5000.05', '1000.01', true],
  ] as const)('for an advantage of NOK %s comes to NOK %s, imposed: %s', (advantage, amount, imposed) => {
    const calculation = duty(advantage);
    expect(formatMoney(calculation.computedAmount)).toBe(amount);
    expect(calculation.imposed).toBe(imposed);
    expect(formatMoney(calculation.amount)).toBe(imposed ? amount : '0.00');
    expect(calculation.notImposedReason).toBe(imposed ? null : 'BELOW_THRESHOLD');
  });

  it.each([
    ['EXCUSABLE_ERROR', '§ 12-3 (3)'],
    ['OBVIOUS_SLIP', '§ 12-4 (1) a'],
    ['VOLUNTARY_CORRECTION_BEFORE_CONTROL', '§ 12-4 (1) b'],
  ] as const)('is not imposed on the ground %s, which is recorded with its provision', (ground, provision) => {
    const calculation = duty('100000.00', '2026-06-15', ground);
    expect(calculation.imposed).toBe(false);
    expect(calculation.notImposedReason).toBe(ground);
    expect(calculation.amount).toBe(0n);
    expect(formatMoney(calculation.computedAmount)).toBe('20000.00');
    const exemption = calculation.lines[1];
    expect(exemption).toMatchObject({ step: 'EXEMPTION', basis: 2_000_000n, amount: 0n });
    expect(exemption?.legalBasis).toContain(provision);
  });

  it('takes the rule in force on the day of the decision when the rate changes', () => {
    const rules: PenaltyRule[] = [
      { ...ADDITIONAL_DUTY_2023, validTo: '2026-12-31' },
      { ...ADDITIONAL_DUTY_2023, id: 'ADDITIONAL-DUTY-2027', validFrom: '2027-01-01', ratePercent: '30' },
    ];
    const on = (decidedOn: string) => {
      const outcome = additionalDuty(rules, { dutyAdvantage: 1_000_000n, decidedOn, ground: null });
      if (!outcome.ok) throw new Error('no rule');
      return outcome.calculation;
    };
    expect(on('2026-12-31')).toMatchObject({ amount: 200_000n, lines: [{ ruleId: 'ADDITIONAL-DUTY-2023' }, {}] });
    expect(on('2027-01-01')).toMatchObject({ amount: 300_000n, lines: [{ ruleId: 'ADDITIONAL-DUTY-2027' }, {}] });
    expect(on('2027-01-01').lines[0]?.ratePercent).toBe('30');
  });

  it('has no rule before its first day', () => {
    const outcome = additionalDuty(RULES, { dutyAdvantage: 1_000_000n, decidedOn: '2022-12-31', ground: null });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: 'NO_PENALTY_RULE', path: ['input', 'decidedOn'] }] });
  });
});

describe('the violation fee', () => {
  it('is the court fees decided times the court fee in force on the day, under the maximum', () => {
    const outcome = violationFee(RULES, COURT_FEES, { multiple: 10, decidedOn: '2025-03-01' });
    if (!outcome.ok) throw new Error('refused');
    expect(formatMoney(outcome.calculation.amount)).toBe('13140.00');
    expect(outcome.calculation.lines).toMatchObject([
      { step: 'MAXIMUM', ruleId: 'VIOLATION-FEE-2023', multiple: 75, amount: 9_855_000n },
      { step: 'COURT_FEES', ruleId: 'COURT-FEE-2025', validFrom: '2025-01-01', multiple: 10, amount: 1_314_000n },
    ]);
  });

  it('follows the rule and the court fee of the day', () => {
    const outcome = violationFee(RULES, COURT_FEES, { multiple: 10, decidedOn: '2021-12-31' });
    if (!outcome.ok) throw new Error('refused');
    expect(formatMoney(outcome.calculation.amount)).toBe('11990.00');
    expect(outcome.calculation.lines.map((line) => line.ruleId)).toEqual(['VIOLATION-FEE-2017', 'COURT-FEE-2021']);
  });

  it('is capped at the maximum of the rule, and says so', () => {
    const outcome = violationFee(RULES, COURT_FEES, { multiple: 80, decidedOn: '2026-06-15' });
    if (!outcome.ok) throw new Error('refused');
    expect(formatMoney(outcome.calculation.amount)).toBe('98550.00');
    expect(outcome.calculation.lines[1]?.explanation).toContain('capped at 75');
  });

  it('needs a court fee on record for the day and at least one court fee', () => {
    expect(violationFee(RULES, COURT_FEES, { multiple: 5, decidedOn: '2023-06-01' })).toMatchObject({
      ok: false,
      problems: [{ code: 'COURT_FEE_UNKNOWN' }],
    });
    expect(violationFee(RULES, COURT_FEES, { multiple: 0, decidedOn: '2026-06-01' })).toMatchObject({
      ok: false,
      problems: [{ code: 'MULTIPLE_OUT_OF_RANGE', path: ['input', 'multiple'] }],
    });
  });
});
