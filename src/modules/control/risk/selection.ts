import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { authorityDate } from '../../../shared/clock.js';
import { Decimal } from '../../../shared/decimal.js';
import type {
  AcceptedVersion,
  CancelledDeclaration,
  DeclarationLifecycleHook,
  ReleaseBlocker,
} from '../../declarations/model.js';
import { evaluateRisk, type RiskOutcome, statisticKey, type UnitValueStatistic } from './evaluate.js';
import type { RiskRuleBooks } from './prepared-rules.js';
import {
  hasControlOutcome,
  latestAssessments,
  readSelectionFacts,
  type StatisticDelta,
  storeSelection,
  withdrawContribution,
} from './repository.js';
import type { UnitValueContribution } from './tables.js';

/** The key of an importer in the importer history: a person by a hash, never the identity number. */
export function importerKeyOf(accepted: Pick<AcceptedVersion, 'partyOrgnr' | 'partyNationalId'>): string | null {
  if (accepted.partyOrgnr) return `ORG:${accepted.partyOrgnr}`;
  if (accepted.partyNationalId)
    return `PERSON:${createHash('sha256').update(accepted.partyNationalId).digest('hex').slice(0, 32)}`;
  return null;
}

function contributionsOf(accepted: AcceptedVersion, values: readonly (bigint | null)[]): UnitValueContribution[] {
  const out: UnitValueContribution[] = [];
  accepted.draft.goodsItems.forEach((item, i) => {
    const value = values[i];
    if (value === null || value === undefined || item.netMassKg.isZero()) return;
    out.push({
      commodityCode: item.commodityCode,
      originCountry: item.originCountry,
      valueOre: value.toString(),
      massKg: item.netMassKg.toFixed(),
    });
  });
  return out;
}

/** The net change of the sums: this version's contributions less the previous version's. */
function netDeltas(added: readonly UnitValueContribution[], removed: readonly UnitValueContribution[]) {
  const byKey = new Map<string, { code: string; origin: string; items: number; value: Decimal; mass: Decimal }>();
  const add = (c: UnitValueContribution, sign: 1 | -1) => {
    const key = statisticKey(c.commodityCode, c.originCountry);
    const d = byKey.get(key) ?? {
      code: c.commodityCode,
      origin: c.originCountry,
      items: 0,
      value: new Decimal(0),
      mass: new Decimal(0),
    };
    d.items += sign;
    d.value = d.value.plus(new Decimal(c.valueOre).times(sign));
    d.mass = d.mass.plus(new Decimal(c.massKg).times(sign));
    byKey.set(key, d);
  };
  for (const c of added) add(c, 1);
  for (const c of removed) add(c, -1);
  const deltas: StatisticDelta[] = [];
  for (const d of byKey.values()) {
    if (d.items === 0 && d.value.isZero() && d.mass.isZero()) continue;
    deltas.push({
      code: d.code,
      origin: d.origin,
      items: d.items,
      valueOre: d.value.toFixed(),
      massKg: d.mass.toFixed(),
    });
  }
  return deltas;
}

/** The reason the status history gives: the channel, then what it means. */
const CHANNEL_WORDS = {
  DOCUMENTARY_CONTROL: 'DOCUMENTARY_CONTROL: the declarant presents the documents requested before release.',
  PHYSICAL_CONTROL: 'PHYSICAL_CONTROL: the goods are examined before release.',
} as const;

/**
 * Selection on acceptance: every accepted version of a declaration gets a risk assessment from the
 * rules in force on the day, stored in the accepting transaction, and a CONTROL release blocker
 * when it is sent to a control. Two statements per acceptance: the facts (the rules and rates
 * versions, the typical unit values of its codes and origins, the importer's history, the
 * previous version's contribution) and the store (the assessment, the running sums, the history).
 */
export class RiskSelection implements DeclarationLifecycleHook {
  constructor(
    private readonly books: RiskRuleBooks,
    private readonly ratesVersionSql: SQL<number>,
  ) {}

  async versionAccepted(tx: Executor, accepted: AcceptedVersion): Promise<readonly ReleaseBlocker[]> {
    const outcome = await this.select(tx, accepted);
    if (outcome.channel === 'RELEASE') return [];
    return [{ kind: 'CONTROL', code: outcome.channel, explanation: CHANNEL_WORDS[outcome.channel] }];
  }

  /**
   * What holds the current version now, for a gate that asks again after a payment or a control:
   * its control channel until an outcome of the control is recorded for the version.
   */
  async blockersNow(
    tx: Executor,
    current: { readonly declarationId: number; readonly version: number },
  ): Promise<readonly ReleaseBlocker[]> {
    const [latest] = await latestAssessments(tx, [current.declarationId]);
    if (!latest || latest.version !== current.version || latest.channel === 'RELEASE') return [];
    if (await hasControlOutcome(tx, current.declarationId, current.version)) return [];
    return [{ kind: 'CONTROL', code: latest.channel, explanation: CHANNEL_WORDS[latest.channel] }];
  }

  async declarationCancelled(tx: Executor, cancelled: CancelledDeclaration): Promise<void> {
    // A cancelled declaration was never goods that crossed: its values leave the typical level.
    await withdrawContribution(tx, cancelled.declarationId);
  }

  private async select(tx: Executor, accepted: AcceptedVersion): Promise<RiskOutcome> {
    const items = accepted.draft.goodsItems;
    const importerKey = accepted.type === 'IMPORT' ? importerKeyOf(accepted) : null;
    const pairs = [
      ...new Map(
        items.map((i) => [statisticKey(i.commodityCode, i.originCountry), [i.commodityCode, i.originCountry] as const]),
      ).values(),
    ];
    const facts = await readSelectionFacts(tx, {
      declarationId: accepted.declarationId,
      importerKey,
      pairs,
      ratesVersionSql: this.ratesVersionSql,
    });
    const book = await this.books.atVersions(tx, facts.rulesVersion, facts.ratesVersion);
    const previous = facts.previous ?? [];
    const values = accepted.assessment?.customsValuesOre() ?? items.map(() => null);
    const contributions = contributionsOf(accepted, values);

    // The typical level without this declaration's earlier version, so it is never its own yardstick.
    const statistics = new Map<string, UnitValueStatistic>();
    for (const s of facts.statistics)
      statistics.set(statisticKey(s.code, s.origin), {
        items: s.items,
        valueOre: new Decimal(s.valueOre),
        massKg: new Decimal(s.massKg),
      });
    for (const c of previous) {
      const key = statisticKey(c.commodityCode, c.originCountry);
      const s = statistics.get(key);
      if (s)
        statistics.set(key, {
          items: s.items - 1,
          valueOre: s.valueOre.minus(c.valueOre),
          massKg: s.massKg.minus(c.massKg),
        });
    }

    const outcome = evaluateRisk(book.activeOn(authorityDate(accepted.at)), {
      declarationId: accepted.declarationId,
      type: accepted.type,
      draft: accepted.draft,
      customsValuesOre: values,
      statistics,
      importerFirstAcceptedAt: facts.importer ? new Date(facts.importer.firstAcceptedAt) : null,
      at: accepted.at,
    });
    await storeSelection(
      tx,
      {
        declarationId: accepted.declarationId,
        version: accepted.version,
        rulesVersion: facts.rulesVersion,
        score: outcome.score,
        channel: outcome.channel,
        randomSample: outcome.randomSample,
        fired: outcome.fired,
        documentsRequested: outcome.documentsRequested,
        unitValues: contributions,
        assessedAt: accepted.at,
      },
      netDeltas(contributions, previous),
      importerKey ? { key: importerKey, newDeclaration: accepted.version === 1 } : null,
    );
    return outcome;
  }
}
