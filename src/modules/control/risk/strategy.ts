import type { Executor } from '../../../db/client.js';
import { NotFound } from '../../../shared/errors.js';
import { CONTROL_CHANNELS, type ControlChannel, type ControlOutcome } from '../model.js';
import {
  assessmentsBetween,
  type ControlOutcomeRow,
  insertControlOutcome,
  latestAssessments,
  outcomesBetween,
} from './repository.js';

/**
 * Records what a control of a declaration found, with the rules that selected it and its channel
 * as its latest risk assessment says, for the control strategy report. The officer's workflow
 * calls this in the transaction that records the control result.
 */
export async function recordControlOutcome(
  tx: Executor,
  outcome: {
    readonly declarationId: number;
    readonly outcome: ControlOutcome;
    readonly decidedBy: string;
    readonly at: Date;
  },
): Promise<ControlOutcomeRow> {
  const [assessment] = await latestAssessments(tx, [outcome.declarationId]);
  if (!assessment) throw new NotFound('risk assessment');
  return insertControlOutcome(tx, {
    declarationId: outcome.declarationId,
    version: assessment.version,
    ruleIds: [...new Set(assessment.fired.map((f) => f.ruleId))],
    channel: assessment.channel,
    randomSample: assessment.randomSample,
    outcome: outcome.outcome,
    decidedBy: outcome.decidedBy,
    decidedAt: outcome.at,
  });
}

/** Counts of one row of the report. */
export interface StrategyCounts {
  /** Declarations the rule fired on (for a channel row: sent to the channel). */
  fired: number;
  /** Of those, sent to a control (documentary or physical). */
  selected: number;
  controlled: number;
  discrepancies: number;
}

export interface ControlStrategyReport {
  readonly from: string;
  readonly to: string;
  readonly assessed: number;
  readonly byRule: readonly ({ readonly ruleId: number } & StrategyCounts)[];
  readonly byChannel: readonly ({ readonly channel: ControlChannel } & StrategyCounts)[];
  /** The random selection's sample, the unbiased baseline of every hit rate. */
  readonly randomSample: StrategyCounts;
}

const zero = (): StrategyCounts => ({ fired: 0, selected: 0, controlled: 0, discrepancies: 0 });

/**
 * Per rule, per channel and for the random sample: how many declarations assessed in the period
 * each selected, and how many controls decided in the period found discrepancies (the hit rate).
 * A declaration counts once, by its latest assessment and latest control outcome in the period.
 */
export async function controlStrategyReport(db: Executor, from: string, to: string): Promise<ControlStrategyReport> {
  const [assessments, outcomes] = await Promise.all([assessmentsBetween(db, from, to), outcomesBetween(db, from, to)]);
  const byRule = new Map<number, StrategyCounts>();
  const byChannel = new Map<ControlChannel, StrategyCounts>(CONTROL_CHANNELS.map((c) => [c, zero()]));
  const random = zero();
  const ruleRow = (id: number) => {
    const row = byRule.get(id) ?? zero();
    byRule.set(id, row);
    return row;
  };
  for (const a of assessments) {
    const selected = a.channel !== 'RELEASE';
    for (const id of new Set(a.fired.map((f) => f.ruleId))) {
      const row = ruleRow(id);
      row.fired += 1;
      if (selected) row.selected += 1;
    }
    const channel = byChannel.get(a.channel);
    if (channel) {
      channel.fired += 1;
      if (selected) channel.selected += 1;
    }
    if (a.randomSample) {
      random.fired += 1;
      if (selected) random.selected += 1;
    }
  }
  for (const o of outcomes) {
    const found = o.outcome === 'DISCREPANCY' ? 1 : 0;
    const rows = [...new Set(o.ruleIds)].map(ruleRow);
    const channel = byChannel.get(o.channel);
    if (channel) rows.push(channel);
    if (o.randomSample) rows.push(random);
    for (const row of rows) {
      row.controlled += 1;
      row.discrepancies += found;
    }
  }
  return {
    from,
    to,
    assessed: assessments.length,
    byRule: [...byRule].sort((a, b) => a[0] - b[0]).map(([ruleId, counts]) => ({ ruleId, ...counts })),
    byChannel: CONTROL_CHANNELS.map((channel) => ({ channel, ...(byChannel.get(channel) ?? zero()) })),
    randomSample: random,
  };
}
