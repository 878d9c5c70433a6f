import { divideByPowerOfTen, type Exact, formatExact, parseExact, ZERO } from '../../../../shared/money.js';
import { type Dated, datedOf, isIsoDate, Timeline } from '../dates.js';
import { cite } from '../explain.js';
import type { RateRef, RateTable } from '../results.js';
import type { DecimalText, StrengthBand, Validity } from '../types.js';
import type { Cited, PreparedAmount, PreparedBand, PreparedPercent } from './prepared-book.js';

/** How a row is cited: its table, id and value, how the value applies, and its window. */
export interface Citation {
  table: RateTable;
  id: string;
  value: Exact;
  /** PERCENT, PER_KG, NOK, LITRES, ... */
  kind: string;
  row: Validity;
  countryGroup?: string | null;
}

/**
 * A value the prepared book keeps, made here rather than by the arithmetic of shared/money.ts.
 *
 * Why: V8 watches whether the objects made at each allocation site survive garbage collections and,
 * when most do, allocates that site's objects directly in the old generation from then on. The book
 * keeps its tens of thousands of values for as long as the process runs; if they came from the sites
 * that assessments use for their short-lived values (money.ts), every later assessment would fill the
 * old generation with garbage and pay for major collections. Measured on a cached book of 10,000
 * codes with five items per request, in the engine benchmark (bench/engine.ts).
 */
export function kept(value: Exact): Exact {
  return { units: value.units, scale: value.scale };
}

/**
 * Reads the rows of a rate book into their prepared form, collecting every issue on the way so
 * that all errors of a book are reported at once.
 */
export class RowReader {
  readonly issues: string[] = [];

  decimal(text: DecimalText, at: string): Exact {
    const parsed = parseExact(text);
    if (parsed === null || parsed.units < 0n) {
      this.issues.push(`${at}: '${String(text)}' is not a non-negative decimal`);
      return ZERO;
    }
    return kept(parsed);
  }

  band(band: StrengthBand | null, at: string): PreparedBand | null {
    if (band === null) return null;
    const from = this.decimal(band.from, `${at}.from`);
    const to = band.to === null ? null : this.decimal(band.to, `${at}.to`);
    const lower = `${band.fromInclusive ? 'from' : 'over'} ${formatExact(from)}`;
    const upper = to === null ? '' : ` ${band.toInclusive ? 'up to and including' : 'below'} ${formatExact(to)}`;
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
  cited(c: Citation): Pick<Cited, 'ref' | 'refs' | 'citation'> {
    const ref: RateRef = Object.freeze({
      table: c.table,
      id: String(c.id),
      value: formatExact(c.value),
      kind: c.kind,
      countryGroup: c.countryGroup ?? null,
      validFrom: c.row.validFrom,
      validTo: c.row.validTo,
    });
    return { ref, refs: Object.freeze([ref]), citation: cite(ref) };
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
  ): Map<K, Timeline<P & Dated>> {
    const map = new Map<K, (P & Dated)[]>();
    rows.forEach((row, i) => {
      const at = `${table}[${i}]`;
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
    return {
      ...window(row),
      percent,
      factor: kept(divideByPowerOfTen(percent, 2)),
      ...this.cited({ table, id: row.id, value: percent, kind: 'PERCENT', row }),
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
    return { ...window(row), amount, ...this.cited({ table, id: row.id, value: amount, kind, row }) };
  }
}

/** The validity of a row, as given and as day numbers. */
export function window(row: Validity): Validity & Dated {
  return { validFrom: row.validFrom, validTo: row.validTo, ...datedOf(row) };
}
