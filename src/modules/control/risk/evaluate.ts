import { Decimal } from '../../../shared/decimal.js';
import type { DeclarationDraft, GoodsItemDraft } from '../../declarations/model.js';
import {
  type ControlChannel,
  type FiredRule,
  type RequestedDocument,
  type RiskInput,
  type RiskRuleEffect,
  type RiskRuleParameters,
  SCORE_THRESHOLDS,
  stricterChannel,
} from '../model.js';

/**
 * The evaluation of risk rules over one accepted version: pure code over the rules in force on
 * the day (prepared once per rules version, prepared-rules.ts) and the facts read in one statement.
 */

/** A rule's version in force on a day, with what it needs prepared. */
export interface ActiveRule {
  readonly ruleId: number;
  readonly version: number;
  readonly name: string;
  readonly parameters: RiskRuleParameters;
  readonly effect: RiskRuleEffect;
  /** For RESTRICTED_GOODS with a restriction group: the group's members on the day. */
  readonly restrictedOrigins: ReadonlySet<string> | null;
  /** The goods the rule names (codes or prefixes, chapters), for the kinds that name goods. */
  readonly goods: PreparedGoods | null;
}

export interface PreparedGoods {
  readonly codes: readonly string[];
  readonly chapters: ReadonlySet<string>;
}

/** The goods a rule's parameters name, prepared for matching. */
export function preparedGoods(p: RiskRuleParameters): PreparedGoods | null {
  if (p.kind === 'RESTRICTED_GOODS' || p.kind === 'MISSING_DOCUMENT')
    return { codes: p.commodityCodes, chapters: new Set(p.chapters) };
  if (p.kind === 'LOW_UNIT_VALUE') return { codes: [], chapters: new Set(p.chapters) };
  return null;
}

/** The typical unit value of a code and origin, as the running sums hold it. */
export interface UnitValueStatistic {
  readonly items: number;
  readonly valueOre: Decimal;
  readonly massKg: Decimal;
}

export interface RiskFacts {
  readonly declarationId: number;
  readonly type: 'IMPORT' | 'EXPORT';
  readonly draft: DeclarationDraft;
  /** Each goods item's customs value in NOK øre, in draft order; null where it was not assessed. */
  readonly customsValuesOre: readonly (bigint | null)[];
  /** By `statisticKey`, without this declaration's own earlier contribution. */
  readonly statistics: ReadonlyMap<string, UnitValueStatistic>;
  /** When the importer's first declaration was accepted; null when this is its first. */
  readonly importerFirstAcceptedAt: Date | null;
  readonly at: Date;
}

export interface RiskOutcome {
  readonly score: number;
  readonly channel: ControlChannel;
  readonly randomSample: boolean;
  readonly fired: FiredRule[];
  readonly documentsRequested: RequestedDocument[];
}

export function statisticKey(commodityCode: string, originCountry: string): string {
  return `${commodityCode}|${originCountry}`;
}

/** A goods item with what the rules ask of it worked out once per evaluation. */
interface ItemFacts {
  readonly item: GoodsItemDraft;
  readonly chapter: string;
  readonly documents: ReadonlySet<string>;
  readonly statisticKey: string;
}

function matchesGoods(item: ItemFacts, goods: PreparedGoods): boolean {
  if (goods.chapters.has(item.chapter)) return true;
  for (const code of goods.codes) if (item.item.commodityCode.startsWith(code)) return true;
  return false;
}

/**
 * The random draw of a declaration for a seed, 0 to 9999: the same declaration and seed always
 * draw alike. FNV-1a over the seed and the id, finished with MurmurHash3's avalanche step so that
 * consecutive ids spread evenly. A cryptographic hash is not needed (the seed is the authority's)
 * and would cost more than every other rule together.
 */
export function randomDraw(seed: string, declarationId: number): number {
  let h = 0x811c9dc5;
  const text = `${seed}:${declarationId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % 10_000;
}

interface Hit {
  readonly itemNumbers: number[];
  readonly inputs: RiskInput[];
  readonly documents: RequestedDocument[];
}

const DAY_MS = 86_400_000;

/** Whether one rule fires, and on what: null when it does not. */
function evaluateRule(rule: ActiveRule, facts: RiskFacts, items: readonly ItemFacts[]): Hit | null {
  const p = rule.parameters;
  const goods = rule.goods;
  const hit: Hit = { itemNumbers: [], inputs: [], documents: [] };
  const onItem = (index: number, ...inputs: RiskInput[]) => {
    hit.itemNumbers.push(index + 1);
    hit.inputs.push(...inputs.map((i) => ({ name: `item ${index + 1} ${i.name}`, value: i.value })));
  };
  switch (p.kind) {
    case 'RESTRICTED_GOODS': {
      const missing: number[] = [];
      items.forEach((f, i) => {
        const item = f.item;
        if (!goods || !matchesGoods(f, goods)) return;
        if (rule.restrictedOrigins && !rule.restrictedOrigins.has(item.originCountry)) return;
        const declared = f.documents.has(p.permitDocumentCode);
        if (!declared) missing.push(i + 1);
        onItem(
          i,
          { name: 'commodity code', value: item.commodityCode },
          { name: 'origin', value: item.originCountry },
          { name: `permit ${p.permitDocumentCode} of ${p.agency}`, value: declared ? 'declared' : 'missing' },
        );
      });
      if (missing.length) hit.documents.push({ code: p.permitDocumentCode, itemNumbers: missing });
      if (p.restrictionGroup && hit.itemNumbers.length)
        hit.inputs.push({ name: 'restriction group', value: p.restrictionGroup });
      break;
    }
    case 'COUNTRY_ROUTE': {
      const dispatch = facts.draft.dispatchCountry;
      if (p.dispatchCountries && !p.dispatchCountries.includes(dispatch)) return null;
      items.forEach(({ item }, i) => {
        if (p.originCountries && !p.originCountries.includes(item.originCountry)) return;
        onItem(i, { name: 'origin', value: item.originCountry });
      });
      if (hit.itemNumbers.length && p.dispatchCountries) hit.inputs.push({ name: 'dispatch', value: dispatch });
      break;
    }
    case 'LOW_UNIT_VALUE': {
      items.forEach(({ item, chapter, statisticKey: key }, i) => {
        const value = facts.customsValuesOre[i];
        if (value === null || value === undefined) return;
        if (goods && goods.chapters.size > 0 && !goods.chapters.has(chapter)) return;
        const stat = facts.statistics.get(key);
        if (!stat || stat.items < p.minimumSample || stat.massKg.isZero() || item.netMassKg.isZero()) return;
        const unit = new Decimal(value.toString()).div(item.netMassKg);
        const typical = stat.valueOre.div(stat.massKg);
        if (unit.times(100).gte(typical.times(p.belowPercent))) return;
        onItem(
          i,
          { name: 'unit value NOK/kg', value: unit.div(100).toFixed(2) },
          { name: 'typical unit value NOK/kg', value: typical.div(100).toFixed(2) },
          { name: 'sample', value: String(stat.items) },
        );
      });
      break;
    }
    case 'NEW_IMPORTER': {
      if (facts.type !== 'IMPORT') return null;
      const first = facts.importerFirstAcceptedAt;
      if (first && facts.at.getTime() - first.getTime() > p.periodDays * DAY_MS) return null;
      hit.inputs.push({ name: 'first declaration accepted', value: (first ?? facts.at).toISOString() });
      return hit;
    }
    case 'MISSING_DOCUMENT': {
      const missing: number[] = [];
      items.forEach((f, i) => {
        const item = f.item;
        if (!goods || !matchesGoods(f, goods) || f.documents.has(p.documentCode)) return;
        missing.push(i + 1);
        onItem(
          i,
          { name: 'commodity code', value: item.commodityCode },
          { name: 'missing document', value: p.documentCode },
        );
      });
      if (missing.length) hit.documents.push({ code: p.documentCode, itemNumbers: missing });
      break;
    }
    case 'RANDOM_SELECTION': {
      const draw = randomDraw(p.seed, facts.declarationId);
      if (draw >= p.perTenThousand) return null;
      hit.inputs.push(
        { name: 'draw (of 10000)', value: String(draw) },
        { name: 'rate (of 10000)', value: String(p.perTenThousand) },
      );
      return hit;
    }
  }
  return hit.itemNumbers.length ? hit : null;
}

/** Merges requested documents by code, each with every item it is asked for once. */
function mergeDocuments(documents: readonly RequestedDocument[]): RequestedDocument[] {
  const byCode = new Map<string, Set<number>>();
  for (const d of documents) {
    const items = byCode.get(d.code) ?? new Set<number>();
    for (const n of d.itemNumbers) items.add(n);
    byCode.set(d.code, items);
  }
  return [...byCode].map(([code, items]) => ({ code, itemNumbers: [...items].sort((a, b) => a - b) }));
}

/**
 * Every active rule over the version: the weights of the rules that fired add up to the score,
 * which sends the declaration to a channel at SCORE_THRESHOLDS; a rule with a direct channel sends
 * it there; the stricter wins. Documents are requested only of a declaration sent to a control.
 */
export function evaluateRisk(rules: readonly ActiveRule[], facts: RiskFacts): RiskOutcome {
  const fired: FiredRule[] = [];
  const documents: RequestedDocument[] = [];
  let score = 0;
  let channel: ControlChannel = 'RELEASE';
  let randomSample = false;
  // What every rule asks of an item, worked out once per declaration.
  const items: ItemFacts[] = facts.draft.goodsItems.map((item) => ({
    item,
    chapter: item.commodityCode.slice(0, 2),
    documents: new Set(item.documents.map((d) => d.code)),
    statisticKey: statisticKey(item.commodityCode, item.originCountry),
  }));
  for (const rule of rules) {
    const hit = evaluateRule(rule, facts, items);
    if (!hit) continue;
    fired.push({
      ruleId: rule.ruleId,
      ruleVersion: rule.version,
      kind: rule.parameters.kind,
      itemNumbers: hit.itemNumbers,
      inputs: hit.inputs,
      weight: rule.effect.weight,
      channel: rule.effect.channel,
    });
    documents.push(...hit.documents);
    if (rule.parameters.kind === 'RANDOM_SELECTION') randomSample = true;
    if (rule.effect.channel) channel = stricterChannel(channel, rule.effect.channel);
    else score += rule.effect.weight;
  }
  const byScore = SCORE_THRESHOLDS.find((t) => score >= t.atLeast)?.channel ?? 'RELEASE';
  channel = stricterChannel(channel, byScore);
  return {
    score,
    channel,
    randomSample,
    fired,
    documentsRequested: channel === 'RELEASE' ? [] : mergeDocuments(documents),
  };
}
