/**
 * Parser of the tariff file: semicolon-separated, comma decimals, `#` comment lines, a header
 * row naming the columns. The commodity columns are read here; the duty and research levy
 * columns in rate-json.ts.
 */

export interface TariffRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export class TariffFileError extends Error {}

export function parseTariffCsv(text: string): TariffRow[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  const rows: TariffRow[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(';').map((cell) => cell.trim());
    if (!header) {
      header = cells.map((cell) => cell.toLowerCase());
      return;
    }
    if (cells.length !== header.length) {
      throw new TariffFileError(`line ${index + 1}: ${cells.length} columns where the header has ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = cells[i] ?? '';
    });
    rows.push({ line: index + 1, cells: record });
  });
  return rows;
}

export interface CommodityRecord {
  code: string;
  validFrom: string;
  validTo: string | null;
  description: string;
  unit: string;
  vatClass: 'general' | 'food';
  exciseCategory: string | null;
  restrictedBy: string | null;
}

/** Commodity codes of the tariff rows; `fomdato`/`tomdato` columns when present, else `defaultValidFrom`. */
export function commoditiesFromTariff(rows: readonly TariffRow[], defaultValidFrom: string): CommodityRecord[] {
  return rows.map(({ line, cells }) => {
    const code = (cells.code ?? cells.varenummer ?? '').replace('.', '');
    if (!/^\d{8}$/.test(code)) throw new TariffFileError(`line ${line}: "${code}" is not an 8-digit commodity code`);
    const vat = (cells.vat ?? 'general').toLowerCase();
    if (vat !== 'general' && vat !== 'food')
      throw new TariffFileError(`line ${line}: VAT class must be general or food`);
    const description = cells.description ?? cells.beskrivelse ?? '';
    if (!description) throw new TariffFileError(`line ${line}: the description is empty`);
    return {
      code,
      validFrom: cells.fomdato || defaultValidFrom,
      validTo: cells.tomdato || null,
      description,
      unit: cells.unit || 'kg',
      vatClass: vat,
      exciseCategory: cells.excise || null,
      restrictedBy: cells.restricted_by || null,
    };
  });
}
