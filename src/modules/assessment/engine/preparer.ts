import { Decimal, parseDecimalText } from '../../../shared/decimal.js';
import { type Dated, datedOf, isIsoDate, Timeline } from './dates.js';
import { cite } from './explain.js';
import { fixedOf } from './fixed-point.js';
import type { Cited, PreparedAmount, PreparedBand, PreparedPercent } from './prepared.js';
import type { RateRef, RateTable } from './results.js';
import type { DecimalText, StrengthBand, Validity } from './types.js';

export const ONE_HUNDRED = new Decimal(100);

/**
 * A copy of a decimal for the prepared book, which lives as long as the process.
 *
 * Why: V8 watches whether the objects made at each allocation site in the code survive garbage
 * collections and, when most do, allocates that site's objects directly in the old generation. The
 * digit arrays of decimals are made at a few sites inside decimal.js that the assessments also use
 * for their many short-lived intermediate values. If the rate book's tens of thousands of long-lived
 * decimals came from those sites, V8 would tenure them and every assessment would then fill the old
 * generation with garbage (measured: about 10 % of throughput lost to extra major collections).
 * Copying (`new Decimal(d)` copies the digits with `slice`, which has no allocation site) keeps the
 * long-lived decimals away from the shared sites; the originals die young, as intermediates do.
 */
export function lasting(value: Decimal): Decimal {
  return new Decimal(value);
}

/** Collects issues while parsing, so that every error of a rate book is reported at once. */
export class Preparer {
  readonly issues: string[] = [];

  decimal(text: DecimalText, at: string, { nonNegative = true } = {}): Decimal {
    const parsed = typeof text === 'string' ? parseDecimalText(text) : null;
    if (parsed === null || (nonNegative && parsed.isNegative())) {
      this.issues.push(`${at}: '${String(text)}' is not a ${nonNegative ? 'non-negative ' : ''}decimal`);
      return new Decimal(0);
    }
    return lasting(parsed);
  }

  band(band: StrengthBand | null, at: string): PreparedBand | null {
    if (band === null) return null;
    const from = this.decimal(band.from, `${at}.from`);
    const to = band.to === null ? null : this.decimal(band.to, `${at}.to`);
    const lower = `${band.fromInclusive ? 'from' : 'over'} ${from.toFixed()}`;
    const upper = to === null ? '' : ` ${band.toInclusive ? 'up to and including' : 'below'} ${to.toFixed()}`;
    return {
      from,
      fromInclusive: band.fromInclusive,
      to,
      toInclusive: band.toInclusive,
      text: `${lower}${upper} % vol`,
    };
  }

  /**
   * The citation of a row, built once: the frozen `RateRef` every line quotes, a one-element list of
   * it (lines share it), and the sentence fragment "rate X, valid ...".
   */
  cited(
    table: RateTable,
    id: string,
    value: Decimal,
    kind: string,
    row: Validity,
    countryGroup: string | null = null,
  ): Pick<Cited, 'ref' | 'refs' | 'citation'> {
    const ref = this.ref(table, id, value, kind, row, countryGroup);
    return { ref, refs: Object.freeze([ref]), citation: cite(ref) };
  }

  ref(table: RateTable, id: string, value: Decimal, kind: string, row: Validity, countryGroup: string | null = null) {
    const ref: RateRef = {
      table,
      id: String(id),
      value: value.toFixed(),
      kind,
      countryGroup,
      validFrom: row.validFrom,
      validTo: row.validTo,
    };
    return Object.freeze(ref);
  }

  /**
   * Groups rows by key, sorted by `validFrom`, after checking each window and that no two windows of
   * one key overlap: the engine must always find at most one row in force.
   */
  index<R extends Validity, P extends Validity, K extends string = string>(
    table: string,
    rows: readonly R[],
    key: (row: R) => K,
    prepare: (row: R, at: string) => P,
    /** Positions of `rows` in the whole table, when they are a part of it (for messages). */
    positions?: readonly number[],
  ): Map<K, Timeline<P & Dated>> {
    const map = new Map<K, (P & Dated)[]>();
    rows.forEach((row, i) => {
      const at = `${table}[${positions?.[i] ?? i}]`;
      if (!isIsoDate(row.validFrom) || (row.validTo !== null && !isIsoDate(row.validTo))) {
        this.issues.push(`${at}: validFrom/validTo must be YYYY-MM-DD dates`);
        return;
      }
      if (row.validTo !== null && row.validTo < row.validFrom) this.issues.push(`${at}: validTo before validFrom`);
      const k = key(row);
      const prepared = Object.assign(prepare(row, at), datedOf(row));
      const list = map.get(k);
      if (list) list.push(prepared);
      else map.set(k, [prepared]);
    });
    const timelines = new Map<K, Timeline<P & Dated>>();
    for (const [k, list] of map) {
      list.sort((a, b) => a.fromDay - b.fromDay);
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1] as P & Dated;
        const after = list[i] as P & Dated;
        if (before.toDay >= after.fromDay) {
          this.issues.push(`${table} '${k}': windows from ${before.validFrom} and ${after.validFrom} overlap`);
        }
      }
      timelines.set(k, new Timeline(list));
    }
    return timelines;
  }

  /** As `index`, for tables where several rows (bands, steps) are in force at once. */
  list<R extends Validity, P extends Validity>(
    table: string,
    rows: readonly R[],
    key: (row: R) => string,
    prepare: (row: R, at: string) => P,
  ): Timeline<P & Dated> {
    return new Timeline([...this.index(table, rows, key, prepare).values()].flatMap((t) => t.rows));
  }

  percent(table: RateTable, row: Validity & { id: string }, percentText: DecimalText, at: string): PreparedPercent {
    const percent = this.decimal(percentText, at);
    const factor = lasting(percent.div(ONE_HUNDRED));
    return {
      ...window(row),
      percent,
      factor,
      fixedFactor: fixedOf(factor),
      ...this.cited(table, row.id, percent, 'PERCENT', row),
    };
  }

  amount(
    table: RateTable,
    row: Validity & { id: string },
    text: DecimalText,
    kind: string,
    at: string,
  ): PreparedAmount {
    const amount = this.decimal(text, at);
    return { ...window(row), amount, ...this.cited(table, row.id, amount, kind, row) };
  }
}

/** The validity of a row, as given and as day numbers. */
export function window(row: Validity): Validity & Dated {
  return { validFrom: row.validFrom, validTo: row.validTo, ...datedOf(row) };
}
