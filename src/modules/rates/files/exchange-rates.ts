import { isIsoDate } from '../../../shared/clock.js';
import { parseOpenDataDecimal } from '../../../shared/decimal.js';

/**
 * Parsers for reference data in the shape of the authority's open data: field names in
 * Norwegian, comma decimals ("10,50"), validity windows as fomdato/tomdato and the
 * omregningsenhet (rate per 1 or per 100 units). They return rows or throw with the position
 * of the first bad record, so that a bad file loads nothing.
 */

export interface ExchangeRateRecord {
  currencyCode: string;
  validFrom: string;
  validTo: string | null;
  /** NOK for `unit` units, canonical decimal text. */
  rate: string;
  unit: number;
}

export class OpenDataError extends Error {}

function date(value: unknown, where: string, required: boolean): string | null {
  if ((value === undefined || value === null || value === '') && !required) return null;
  const text = String(value).trim().slice(0, 10);
  if (!isIsoDate(text)) throw new OpenDataError(`${where}: "${String(value)}" is not a date (YYYY-MM-DD)`);
  return text;
}

/** `{ omregningskurser: [{ valutakode, fomdato, tomdato, valutakurs, omregningsenhet }] }`, or the bare list. */
export function parseExchangeRates(json: unknown): ExchangeRateRecord[] {
  const list = Array.isArray(json) ? json : (json as { omregningskurser?: unknown })?.omregningskurser;
  if (!Array.isArray(list)) throw new OpenDataError('expected a list "omregningskurser" of exchange rates');
  return list.map((entry: Record<string, unknown>, index) => {
    const where = `exchange rate ${index + 1}`;
    const currencyCode = String(entry.valutakode ?? '')
      .trim()
      .toUpperCase();
    if (!/^[A-Z]{3}$/.test(currencyCode))
      throw new OpenDataError(`${where}: "${String(entry.valutakode)}" is not a currency code`);
    const rate = parseOpenDataDecimal(String(entry.valutakurs ?? ''));
    if (!rate || rate.lte(0)) throw new OpenDataError(`${where}: "${String(entry.valutakurs)}" is not a positive rate`);
    const unit = Number(entry.omregningsenhet ?? 1);
    if (!Number.isInteger(unit) || unit <= 0)
      throw new OpenDataError(`${where}: omregningsenhet must be a positive whole number`);
    const validFrom = date(entry.fomdato, where, true) as string;
    const validTo = date(entry.tomdato, where, false);
    if (validTo !== null && validTo < validFrom) throw new OpenDataError(`${where}: tomdato is before fomdato`);
    return { currencyCode, validFrom, validTo, rate: rate.toFixed(), unit };
  });
}
