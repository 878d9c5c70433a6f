import { and, gt, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { authorityDate } from '../../shared/clock.js';
import type { Mandate } from './model.js';
import { mandates } from './tables.js';

/**
 * In force at an instant: its days hold the instant's date at the authority (Europe/Oslo), it
 * had been granted by then, and it was not revoked before the instant. A grant and a revocation
 * take effect from the moment they are recorded, so a revoked mandate and the one granted to
 * replace it on the same day are never both in force.
 *
 * Written once, as terms; `inForceCondition` reads them as SQL over the table and `isInForce` as
 * JavaScript over a loaded mandate, so a list filtered in the database and a flag computed on a
 * row cannot disagree.
 */
interface Term {
  readonly column: PgColumn;
  readonly of: (mandate: Mandate) => string | Date | null;
  /** What the value is compared with: the authority's date of the instant, or the instant. */
  readonly against: 'date' | 'instant';
  /** How the value must stand to it. */
  readonly holds: 'atOrBefore' | 'atOrAfter' | 'after';
  /** A missing value (no last day, never revoked) meets the term. */
  readonly openWhenNull?: true;
}

const IN_FORCE: readonly Term[] = [
  { column: mandates.validFrom, of: (m) => m.validFrom, against: 'date', holds: 'atOrBefore' },
  { column: mandates.grantedAt, of: (m) => m.grantedAt, against: 'instant', holds: 'atOrBefore' },
  { column: mandates.validTo, of: (m) => m.validTo, against: 'date', holds: 'atOrAfter', openWhenNull: true },
  { column: mandates.revokedAt, of: (m) => m.revokedAt, against: 'instant', holds: 'after', openWhenNull: true },
];

const SQL_COMPARISON = { atOrBefore: lte, atOrAfter: gte, after: gt } as const;

function compared(term: Term, at: Date): string | Date {
  return term.against === 'date' ? authorityDate(at) : at;
}

/** The SQL condition that a mandate is in force at the instant. */
export function inForceCondition(at: Date): SQL | undefined {
  return and(
    ...IN_FORCE.map((term) => {
      const met = SQL_COMPARISON[term.holds](term.column, compared(term, at));
      return term.openWhenNull ? or(isNull(term.column), met) : met;
    }),
  );
}

/** Whether a mandate is in force at the instant: `inForceCondition` in JavaScript. */
export function isInForce(mandate: Mandate, at: Date): boolean {
  return IN_FORCE.every((term) => {
    const value = term.of(mandate);
    if (value === null) return term.openWhenNull === true;
    const bound = compared(term, at);
    // Days are ISO dates, which order as strings; instants order by their time.
    const [a, b] = value instanceof Date && bound instanceof Date ? [value.getTime(), bound.getTime()] : [value, bound];
    const order = a < b ? -1 : a > b ? 1 : 0;
    return term.holds === 'atOrBefore' ? order <= 0 : term.holds === 'atOrAfter' ? order >= 0 : order > 0;
  });
}
