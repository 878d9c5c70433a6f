import type { Executor } from '../../../db/client.js';
import { countryGroupMemberships } from '../../rates/service.js';
import type { RiskRuleEffect } from '../model.js';
import { type ActiveRule, preparedGoods } from './evaluate.js';
import { allRuleVersions, type RiskRuleVersionRow } from './repository.js';

interface Membership {
  readonly group: string;
  readonly countryCode: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

const covers = (row: { validFrom: string; validTo: string | null }, date: string) =>
  row.validFrom <= date && (row.validTo === null || row.validTo >= date);

/**
 * The version of a rule that applies on a day, from its versions newest first: the highest whose
 * first day is on or before the day, unless it retires the rule or its last day has passed.
 */
export function versionInForce<V extends RiskRuleVersionRow>(newestFirst: readonly V[], date: string): V | null {
  const current = newestFirst.find((v) => v.validFrom <= date);
  return current && current.change !== 'RETIRED' && covers(current, date) ? current : null;
}

export function effectOf(row: Pick<RiskRuleVersionRow, 'weight' | 'channel'>): RiskRuleEffect {
  if (row.channel && row.channel !== 'RELEASE') return { weight: null, channel: row.channel };
  return { weight: row.weight ?? 0, channel: null };
}

/**
 * Every version of every rule and the restriction groups they name, indexed once per rules
 * version; the rules in force on a day are worked out once per day and kept.
 */
export class PreparedRules {
  private readonly byRule = new Map<number, RiskRuleVersionRow[]>();
  private readonly onDay = new Map<string, readonly ActiveRule[]>();

  constructor(
    versions: readonly RiskRuleVersionRow[],
    private readonly memberships: readonly Membership[],
  ) {
    for (const v of versions) {
      const list = this.byRule.get(v.ruleId) ?? [];
      list.push(v);
      this.byRule.set(v.ruleId, list);
    }
    for (const list of this.byRule.values()) list.sort((a, b) => b.version - a.version);
  }

  /** The rules in force on a day (Europe/Oslo), in rule order. */
  activeOn(date: string): readonly ActiveRule[] {
    const known = this.onDay.get(date);
    if (known) return known;
    const active: ActiveRule[] = [];
    for (const [ruleId, versions] of [...this.byRule].sort((a, b) => a[0] - b[0])) {
      const current = versionInForce(versions, date);
      if (!current) continue;
      const p = current.parameters;
      const group = p.kind === 'RESTRICTED_GOODS' ? p.restrictionGroup : null;
      active.push({
        ruleId,
        version: current.version,
        name: current.name,
        parameters: p,
        effect: effectOf(current),
        goods: preparedGoods(p),
        restrictedOrigins: group
          ? new Set(this.memberships.filter((m) => m.group === group && covers(m, date)).map((m) => m.countryCode))
          : null,
      });
    }
    // A long-running process meets few days; keep the last handful.
    if (this.onDay.size > 8) this.onDay.clear();
    this.onDay.set(date, active);
    return active;
  }
}

/**
 * The prepared rules of one database, built once per (rules version, rates version) and shared by
 * every acceptance in the process, like the rate book: the versions are read with the acceptance's
 * other facts, so a change made by another process applies on the next acceptance here. A build
 * reads through the accepting transaction (the embedded database has one connection, which that
 * transaction holds); a request that waited on another request's build that failed builds its own.
 */
export class RiskRuleBooks {
  private latest: { readonly rules: number; readonly rates: number; readonly book: Promise<PreparedRules> } | undefined;

  async atVersions(tx: Executor, rules: number, rates: number): Promise<PreparedRules> {
    const latest = this.latest;
    if (latest && latest.rules >= rules && latest.rates >= rates) {
      try {
        return await latest.book;
      } catch {
        // Built by a request whose transaction failed: build again below.
      }
    }
    const book = build(tx);
    this.latest = { rules, rates, book };
    book.catch(() => {
      if (this.latest?.book === book) this.latest = undefined;
    });
    return book;
  }
}

async function build(tx: Executor): Promise<PreparedRules> {
  const versions = await allRuleVersions(tx);
  const groups = new Set<string>();
  for (const v of versions)
    if (v.parameters.kind === 'RESTRICTED_GOODS' && v.parameters.restrictionGroup)
      groups.add(v.parameters.restrictionGroup);
  return new PreparedRules(versions, await countryGroupMemberships(tx, [...groups]));
}
