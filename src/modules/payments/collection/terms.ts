import { exactOf, formatExact, type Money, roundToOre } from '../../../shared/money.js';
import { addDays } from './due-dates.js';
import {
  COLLECTION_TERM_KINDS,
  type CollectionTerm,
  type CollectionTermKind,
  type InterestPeriod,
  type TermsOnDay,
} from './model.js';

/**
 * The terms of collection as one prepared book over their rows: what is in force on a day, and
 * the interest periods over a stretch of days. Pure, built from the rows the repository reads.
 */

export class TermError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const WHOLE_KINDS: ReadonlySet<CollectionTermKind> = new Set([
  'CREDIT_DUE_DAY',
  'REMINDER_AFTER_DAYS',
  'COLLECTION_AFTER_DAYS',
]);

/** Checks rows as they come from a file: known kind, dates, a non-negative decimal, no closed row overlapping the next. */
export function checkTerms(terms: readonly CollectionTerm[]): CollectionTerm[] {
  const checked: CollectionTerm[] = [];
  for (const [index, term] of terms.entries()) {
    const at = `term ${index + 1} (${String(term.kind)} from ${String(term.validFrom)})`;
    if (!(term.kind in COLLECTION_TERM_KINDS)) throw new TermError(`${at}: unknown kind`);
    if (!DATE.test(term.validFrom) || (term.validTo !== null && !DATE.test(term.validTo))) {
      throw new TermError(`${at}: dates are YYYY-MM-DD`);
    }
    if (term.validTo !== null && term.validTo < term.validFrom) throw new TermError(`${at}: ends before it begins`);
    if (!DECIMAL.test(term.value)) throw new TermError(`${at}: the value is a non-negative decimal`);
    if (WHOLE_KINDS.has(term.kind) && term.value.includes('.')) throw new TermError(`${at}: a whole number`);
    if (term.kind === 'CREDIT_DUE_DAY' && (Number(term.value) < 1 || Number(term.value) > 28)) {
      // Every month has the day, so a due day never falls outside its month.
      throw new TermError(`${at}: a due day from 1 to 28`);
    }
    if (!term.source?.trim()) throw new TermError(`${at}: name the source`);
    checked.push(term);
  }
  const byKind = new Map<CollectionTermKind, CollectionTerm[]>();
  for (const term of checked) byKind.set(term.kind, [...(byKind.get(term.kind) ?? []), term]);
  for (const [kind, rows] of byKind) {
    const sorted = [...rows].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as CollectionTerm;
      const next = sorted[i] as CollectionTerm;
      if (previous.validTo !== null && previous.validTo >= next.validFrom) {
        throw new TermError(`${kind}: the row from ${previous.validFrom} overlaps the row from ${next.validFrom}`);
      }
    }
  }
  return checked;
}

function money(value: string): Money {
  return roundToOre(exactOf(value));
}

export class TermsBook {
  private readonly byKind = new Map<CollectionTermKind, CollectionTerm[]>();

  /**
   * An open `validTo` means "until the next row of the kind" (as the authority's rate files do),
   * so a changed figure is loaded as a new row from its first day and the stored rows stay as they are.
   */
  constructor(terms: readonly CollectionTerm[]) {
    const grouped = new Map<CollectionTermKind, CollectionTerm[]>();
    for (const term of terms) grouped.set(term.kind, [...(grouped.get(term.kind) ?? []), term]);
    for (const [kind, rows] of grouped) {
      rows.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
      this.byKind.set(
        kind,
        rows.map((row, i) => {
          const next = rows[i + 1];
          return row.validTo === null && next ? { ...row, validTo: addDays(next.validFrom, -1) } : row;
        }),
      );
    }
  }

  /** The row of a kind in force on `date`; a missing term is the authority's gap, never a guess. */
  termOn(kind: CollectionTermKind, date: string): CollectionTerm {
    const row = (this.byKind.get(kind) ?? []).find(
      (t) => t.validFrom <= date && (t.validTo === null || t.validTo >= date),
    );
    if (!row) throw new TermError(`no ${kind} term is in force on ${date}`);
    return row;
  }

  on(date: string): TermsOnDay {
    return {
      creditDueDay: Number(this.termOn('CREDIT_DUE_DAY', date).value),
      creditMonthlyFee: money(this.termOn('CREDIT_MONTHLY_FEE', date).value),
      reminderAfterDays: Number(this.termOn('REMINDER_AFTER_DAYS', date).value),
      collectionAfterDays: Number(this.termOn('COLLECTION_AFTER_DAYS', date).value),
      approvalThreshold: money(this.termOn('APPROVAL_THRESHOLD', date).value),
    };
  }

  /** The statutory interest rates, each with its days, as the interest rule takes them. */
  interestPeriods(): InterestPeriod[] {
    return (this.byKind.get('LATE_PAYMENT_INTEREST') ?? []).map((t) => ({
      validFrom: t.validFrom,
      validTo: t.validTo,
      ratePercent: formatExact(exactOf(t.value)),
    }));
  }
}
