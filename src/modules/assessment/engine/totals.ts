import type { AssessmentLine, LineKind, Totals } from './results.js';

/**
 * Totals are sums of the rounded charge lines, never rounded again. Every line amount is a string
 * with exactly two decimals, so totals are sums of whole øre: exact integer arithmetic, no decimals
 * to re-parse and nothing to round.
 */

/** The order kinds are listed in `byKind`: the order in which the amounts are built. */
const LINE_KIND_ORDER: readonly LineKind[] = [
  'CUSTOMS_VALUE',
  'CUSTOMS_DUTY',
  'RESEARCH_LEVY',
  'EXCISE_ALCOHOL',
  'EXCISE_TOBACCO',
  'EXCISE_E_LIQUID',
  'PACKAGING_ENVIRONMENTAL_TAX',
  'PACKAGING_BASIC_TAX',
  'REGISTRATION_TAX',
  'FLAT_RATE_ALCOHOL',
  'FLAT_RATE_TOBACCO',
  'VAT',
  'VOEC_RELIEF',
  'VALUE_ALLOWANCE',
  'ALCOHOL_QUOTA',
  'TOBACCO_QUOTA',
];

/** Whole øre of a two-decimal amount ('1234.56' → 123456n). */
export function oreOf(amount: string): bigint {
  const dot = amount.indexOf('.');
  return BigInt(amount.slice(0, dot) + amount.slice(dot + 1));
}

export function formatOreAmount(ore: bigint | number): string {
  const negative = ore < 0;
  const digits = (negative ? -ore : ore).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * The same øre as a plain integer: exact while below 2^53 øre (about NOK 90 trillion). Summing
 * these is several times faster than bigints, which measurably matters at 100,000 items a second;
 * `computeTotals` checks the sums stayed in that range and otherwise redoes them with bigints.
 */
function oreNumber(amount: string): number {
  let ore = 0;
  for (let i = 0; i < amount.length; i++) {
    const c = amount.charCodeAt(i);
    if (c !== 46) ore = ore * 10 + (c - 48);
  }
  return ore;
}

const KIND_INDEX = Object.fromEntries(LINE_KIND_ORDER.map((kind, i) => [kind, i])) as Record<LineKind, number>;

export function computeTotals(lineGroups: readonly (readonly AssessmentLine[])[]): Totals {
  let payable = 0;
  let reported = 0;
  const byKind: number[] = LINE_KIND_ORDER.map(() => -1);
  for (const lines of lineGroups) {
    for (const line of lines) {
      if (!line.charge) continue;
      const ore = oreNumber(line.amount);
      if (line.payable) payable += ore;
      else reported += ore;
      const k = KIND_INDEX[line.kind];
      byKind[k] = Math.max(byKind[k] as number, 0) + ore;
    }
  }
  // All terms are non-negative integers, so a sum that left the exact range ends above it.
  if (payable + reported > Number.MAX_SAFE_INTEGER) return computeTotalsExactly(lineGroups);
  return {
    payable: formatOreAmount(payable),
    vatToReport: formatOreAmount(reported),
    total: formatOreAmount(payable + reported),
    byKind: LINE_KIND_ORDER.flatMap((kind, i) => {
      const ore = byKind[i] as number;
      return ore < 0 ? [] : [{ kind, amount: formatOreAmount(ore) }];
    }),
  };
}

/** The bigint path, for totals beyond 2^53 øre. */
function computeTotalsExactly(lineGroups: readonly (readonly AssessmentLine[])[]): Totals {
  let payable = 0n;
  let reported = 0n;
  const byKind = new Map<LineKind, bigint>();
  for (const lines of lineGroups) {
    for (const line of lines) {
      if (!line.charge) continue;
      const ore = oreOf(line.amount);
      if (line.payable) payable += ore;
      else reported += ore;
      byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + ore);
    }
  }
  return {
    payable: formatOreAmount(payable),
    vatToReport: formatOreAmount(reported),
    total: formatOreAmount(payable + reported),
    byKind: LINE_KIND_ORDER.filter((k) => byKind.has(k)).map((kind) => ({
      kind,
      amount: formatOreAmount(byKind.get(kind) as bigint),
    })),
  };
}
