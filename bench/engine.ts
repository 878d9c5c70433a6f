import { pathToFileURL } from 'node:url';
import {
  assessDeclaration,
  type CommodityRow,
  type DeclarationInput,
  type DutyRateRow,
  type ExciseRateRow,
  type GoodsItemInput,
  prepareRateBook,
  type RateBook,
} from '../src/modules/assessment/engine/index.js';

/**
 * Throughput of the assessment engine alone: a realistic rate book (a tariff of 10,000 codes over two
 * tariff versions, ordinary and preferential rates, percent and specific duties, research levies,
 * alcohol and tobacco excise by year, several currencies with half-yearly rates), prepared once as
 * production keeps it per rates version, and declarations mixing currencies, freight, preference
 * claims and excise goods: of 100 goods items, or of a few (`itemsPerDeclaration: 5`), as most
 * requests in production are. One core, no I/O. Row (f) over HTTP is compared with the engine on
 * its own request instead (bench/calculation.ts): the same goods and rate book as the server's.
 */

const CODES = 10_000;
const ITEMS_PER_DECLARATION = 100;
/** A request in production: a few goods items. */
export const FEW_ITEMS = 5;
const TOTAL_ITEMS = 200_000;
const WARM_UP_ITEMS = 30_000;
const PASSES = 5;

/** Deterministic pseudo-random numbers (mulberry32), so every run assesses the same inputs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EU = ['DE', 'FR', 'SE', 'DK', 'NL', 'IT', 'ES', 'PL'];
const GSP_LDC = ['ET', 'HT', 'MZ', 'KH'];
const OTHERS = ['CN', 'US', 'GB', 'JP', 'KR', 'TR'];
const CURRENCIES: [string, string, number][] = [
  ['USD', '10.50', 1],
  ['EUR', '11.60', 1],
  ['SEK', '100.80', 100],
  ['CNY', '1.45', 1],
  ['JPY', '7.05', 100],
  ['GBP', '13.70', 1],
];

function code(i: number): string {
  return String(10_000_000 + i * 7919).slice(0, 8);
}

export function benchRateBook(): RateBook {
  const rnd = random(42);
  const commodities: CommodityRow[] = [];
  const dutyRates: DutyRateRow[] = [];
  const researchLevyRates: RateBook['researchLevyRates'][number][] = [];
  for (let i = 0; i < CODES; i++) {
    const c = code(i);
    const excise = i % 50 === 0 ? 'alcohol' : i % 97 === 0 ? 'tobacco-cigarettes' : null;
    const unit = excise === 'alcohol' ? 'l' : excise ? 'pcs' : i % 3 === 0 ? 'kg' : 'pcs';
    const vatClass = i % 4 === 0 ? 'food' : 'general';
    // Two versions of each code: the description changed at the start of 2025.
    commodities.push({
      code: c,
      validFrom: '2022-01-01',
      validTo: '2024-12-31',
      description: `Goods ${i}`,
      unit,
      vatClass,
      exciseCategory: excise,
      restrictedBy: null,
    });
    commodities.push({
      code: c,
      validFrom: '2025-01-01',
      validTo: null,
      description: `Goods ${i} (2025)`,
      unit,
      vatClass,
      exciseCategory: excise,
      restrictedBy: null,
    });
    const specific = i % 5 === 0 && unit === 'kg';
    const tall = specific ? (rnd() * 60).toFixed(2) : (Math.floor(rnd() * 4) * 5.35).toFixed(2);
    dutyRates.push({
      id: `D${i}T`,
      commodityCode: c,
      countryGroup: 'TALL',
      kind: specific ? 'PER_KG' : 'PERCENT',
      value: tall,
      validFrom: '2022-01-01',
      validTo: null,
    });
    dutyRates.push({
      id: `D${i}E`,
      commodityCode: c,
      countryGroup: 'TEF',
      kind: 'PERCENT',
      value: '0',
      validFrom: '2022-01-01',
      validTo: null,
    });
    dutyRates.push({
      id: `D${i}G`,
      commodityCode: c,
      countryGroup: 'TGS1',
      kind: 'PERCENT',
      value: '0',
      validFrom: '2022-01-01',
      validTo: null,
    });
    if (vatClass === 'food' && i % 8 === 0) {
      researchLevyRates.push({ id: `RL${i}`, codePrefix: c, percent: '0.20', validFrom: '2022-01-01', validTo: null });
    }
  }
  const members = [
    ...EU.map((countryCode) => ({ group: 'TEF', countryCode, validFrom: '2000-01-01', validTo: null })),
    ...GSP_LDC.map((countryCode) => ({ group: 'TGS1', countryCode, validFrom: '2000-01-01', validTo: null })),
  ];
  const exchangeRates = CURRENCIES.flatMap(([currency, rate, unit]) => [
    { id: `${currency}-1`, currency, rate, unit, validFrom: '2025-01-01', validTo: '2025-06-30' },
    {
      id: `${currency}-2`,
      currency,
      rate: (Number(rate) * 1.01).toFixed(4),
      unit,
      validFrom: '2025-07-01',
      validTo: '2025-12-31',
    },
  ]);
  const band = (from: string, fromInclusive: boolean, to: string | null, toInclusive: boolean) => ({
    from,
    fromInclusive,
    to,
    toInclusive,
  });
  const exciseRates: ExciseRateRow[] = [
    {
      id: 'A1',
      category: 'alcohol',
      kind: 'PER_LITRE',
      strengthBand: band('0.7', false, '2.7', true),
      value: '3.64',
      validFrom: '2025-01-01',
      validTo: null,
    },
    {
      id: 'A2',
      category: 'alcohol',
      kind: 'PER_LITRE',
      strengthBand: band('2.7', false, '3.7', false),
      value: '13.68',
      validFrom: '2025-01-01',
      validTo: null,
    },
    {
      id: 'A3',
      category: 'alcohol',
      kind: 'PER_LITRE',
      strengthBand: band('3.7', true, '4.7', true),
      value: '23.68',
      validFrom: '2025-01-01',
      validTo: null,
    },
    {
      id: 'A4',
      category: 'alcohol',
      kind: 'PER_VOL_PERCENT_LITRE',
      strengthBand: band('4.7', false, '22', true),
      value: '5.29',
      validFrom: '2025-01-01',
      validTo: null,
    },
    {
      id: 'A5',
      category: 'alcohol',
      kind: 'PER_VOL_PERCENT_LITRE',
      strengthBand: band('22', false, null, false),
      value: '9.03',
      validFrom: '2025-01-01',
      validTo: null,
    },
    {
      id: 'C1',
      category: 'tobacco-cigarettes',
      kind: 'PER_100_PIECES',
      strengthBand: null,
      value: '324',
      validFrom: '2025-01-01',
      validTo: null,
    },
  ];
  return {
    commodities,
    dutyRates,
    countryGroupMembers: members,
    researchLevyRates,
    exciseRates,
    packagingRates: [],
    vatRates: [
      { id: 'V25', vatClass: 'general', percent: '25', validFrom: '2016-01-01', validTo: null },
      { id: 'V15', vatClass: 'food', percent: '15', validFrom: '2016-01-01', validTo: null },
    ],
    exchangeRates,
    voecRules: [],
    travellerRules: {
      allowances: [],
      alcoholQuotas: [],
      alcoholAgeLimits: [],
      tobaccoQuotas: [],
      simplifiedLimits: [],
      flatRates: [],
    },
    vehicleTax: { weightBands: [], ageDeductions: [], electricVatThresholds: [] },
  };
}

/**
 * Commodity codes are drawn from a Zipf distribution (exponent 1) over the whole tariff, with the
 * popular codes scattered through it: real trade concentrates on a few hundred codes (the top 100 of
 * 10,000 get about half of the items here) while every code still occurs. `uniform: true` draws
 * every code equally often instead, the worst case for memory locality.
 */
function codePicker(rnd: () => number, uniform: boolean): () => number {
  if (uniform) return () => Math.floor(rnd() * CODES);
  const rank = Array.from({ length: CODES }, (_, i) => i);
  for (let i = CODES - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rank[i], rank[j]] = [rank[j] as number, rank[i] as number];
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= CODES; r++) {
    sum += 1 / r;
    cumulative.push(sum);
  }
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = CODES - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return rank[lo] as number;
  };
}

export function benchDeclarations(
  count: number,
  seed = 7,
  uniform = false,
  itemsPerDeclaration = ITEMS_PER_DECLARATION,
): DeclarationInput[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const nextCode = codePicker(rnd, uniform);
  const declarations: DeclarationInput[] = [];
  for (let d = 0; d < count; d++) {
    const items: GoodsItemInput[] = [];
    for (let n = 1; n <= itemsPerDeclaration; n++) {
      const i = nextCode();
      const alcohol = i % 50 === 0;
      const tobacco = !alcohol && i % 97 === 0;
      const origin = pick(rnd() < 0.4 ? EU : rnd() < 0.2 ? GSP_LDC : OTHERS);
      const claim = EU.includes(origin) ? 'TEF' : GSP_LDC.includes(origin) ? 'TGS1' : null;
      items.push({
        itemNumber: n,
        commodityCode: code(i),
        originCountry: origin,
        preferenceClaimed: claim,
        netMassKg: (rnd() * 500 + 0.5).toFixed(3),
        supplementaryQuantity: alcohol ? (rnd() * 100 + 1).toFixed(2) : String(Math.ceil(rnd() * 1000)),
        alcoholStrength: alcohol ? (rnd() * 45 + 1).toFixed(1) : null,
        invoiceAmount: (rnd() * 20_000 + 1).toFixed(2),
        ...(tobacco ? { supplementaryQuantity: String(Math.ceil(rnd() * 10_000)) } : {}),
      });
    }
    const currency = d % 7 === 0 ? 'NOK' : (CURRENCIES[d % CURRENCIES.length] as [string, string, number])[0];
    declarations.push({
      kind: 'IMPORT',
      invoiceCurrency: currency,
      freight: (rnd() * 5000).toFixed(2),
      insurance: (rnd() * 300).toFixed(2),
      receivedOn: `2025-${String(1 + (d % 12)).padStart(2, '0')}-15`,
      importerVatRegistered: d % 3 !== 0,
      items,
    });
  }
  return declarations;
}

/**
 * Assesses TOTAL_ITEMS items after a warm-up, PASSES times, and reports the fastest pass: the machine
 * this runs on is shared, and the fastest pass is the one least disturbed by other work (the slower
 * passes are printed when run directly). `cpuItemsPerSecond` counts this process's CPU time instead
 * of the clock's, which other work on the machine disturbs less.
 */
export async function benchEngine(
  options: { uniform?: boolean; passes?: number; itemsPerDeclaration?: number } = {},
): Promise<{ itemsPerSecond: number; cpuItemsPerSecond: number; items: number; ms: number; passesMs: number[] }> {
  const book = prepareRateBook(benchRateBook());
  const uniform = options.uniform ?? false;
  const per = options.itemsPerDeclaration ?? ITEMS_PER_DECLARATION;
  const warmUp = benchDeclarations(Math.ceil(WARM_UP_ITEMS / per), 1, uniform, per);
  const declarations = benchDeclarations(Math.ceil(TOTAL_ITEMS / per), 2, uniform, per);
  for (const declaration of warmUp) assessDeclaration(book, declaration);

  const passesMs: number[] = [];
  const cpuMs: number[] = [];
  let items = 0;
  for (let pass = 0; pass < (options.passes ?? PASSES); pass++) {
    items = 0;
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const declaration of declarations) {
      const result = assessDeclaration(book, declaration);
      if (!result.ok) throw new Error(`benchmark input rejected: ${JSON.stringify(result.problems.slice(0, 3))}`);
      items += result.assessment.items.length;
    }
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    passesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const ms = Math.min(...passesMs);
  return {
    itemsPerSecond: Math.round((items / ms) * 1000),
    cpuItemsPerSecond: Math.round((items / Math.min(...cpuMs)) * 1000),
    items,
    ms: Math.round(ms),
    passesMs: passesMs.map(Math.round),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const uniform = process.argv.includes('--uniform');
  for (const itemsPerDeclaration of [FEW_ITEMS, ITEMS_PER_DECLARATION]) {
    const result = await benchEngine({ uniform, itemsPerDeclaration });
    console.log(
      `assessment engine (${uniform ? 'uniform' : 'Zipf'} codes, ${itemsPerDeclaration} items per declaration): ${result.items} items in ${result.ms} ms = ${result.itemsPerSecond} items/s, ${result.cpuItemsPerSecond} items per CPU second (passes: ${result.passesMs.join(', ')} ms)`,
    );
  }
}
