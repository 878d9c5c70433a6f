import type { Access } from '../auth/access.js';
import { type Agreement, capabilitiesOf } from '../auth/agreement.js';
import type { Caller } from '../auth/audiences.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/client.js';
import { withBeforeCommit } from '../db/transaction-hooks.js';
import { QueryBudget } from '../graphql/cost-budget.js';
import type { Logger } from '../logger.js';
import { agreementInForce } from '../modules/agencies/service.js';
import { declarationAssessor, RateBooks } from '../modules/assessment/service.js';
import { MutationAudit, PersonalDataReads } from '../modules/audit/service.js';
import type { PenaltyReceivables } from '../modules/control/model.js';
import { createRiskRuleBooks, type RiskRuleBooks } from '../modules/control/service.js';
import type { DeclarationAssessor, DeclarationLifecycleHook } from '../modules/declarations/model.js';
import { authorityDate, type Clock } from '../shared/clock.js';
import { lifecycleHooks } from './lifecycle-hooks.js';
import { createLoaders, type Loaders } from './loaders.js';
import { PENALTY_RECEIVABLES } from './penalty-receivables.js';

/**
 * Everything a resolver may use, built once per request. Loaders are created here, all at once,
 * bound to the caller's access so that every batched read applies the caller's row scope.
 */
export interface RequestContext extends Access {
  /** The server's own id of the request. */
  readonly requestId: string;
  /** The client's id of the request (X-Correlation-Id), when it sent a sane one; never trusted as ours. */
  readonly correlationId: string | undefined;
  /** The caller as the access policy sees it (the field guards read this). */
  readonly caller: Caller;
  /** The request's database: every transaction it runs inside a Mutation field writes its audit row. */
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  /** The prepared rate book of `db`, shared by every request of the server. */
  readonly rateBooks: RateBooks;
  /** The assessment of what declarations submit, with `rateBooks`. */
  readonly assessor: DeclarationAssessor;
  /** What other modules do when a declaration's version is accepted or it is cancelled. */
  readonly lifecycleHooks: readonly DeclarationLifecycleHook[];
  /** How an approved penalty becomes a receivable; null until payments implements it. */
  readonly penaltyReceivables: PenaltyReceivables | null;
  readonly loaders: Loaders;
  /** Personal data a partner agency reads in this request, for the access log. */
  readonly personalDataReads: PersonalDataReads;
  /** What the query may still cost; stored lists charge their real length to it. */
  readonly costBudget: QueryBudget;
  /** The audit of this request's mutations; every Mutation field runs within it (schema.ts). */
  readonly audit: MutationAudit;
}

/** What every request of one server shares, built once per server on its root database handle. */
export interface ServerShared {
  /** A cached rate book is never shared across databases. */
  readonly rateBooks: RateBooks;
  /** The prepared risk rules, likewise one per database. */
  readonly riskRuleBooks: RiskRuleBooks;
}

export function serverShared(root: Database): ServerShared {
  return { rateBooks: new RateBooks(root), riskRuleBooks: createRiskRuleBooks() };
}

export interface ContextDependencies extends ServerShared {
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
}

/** An agency's agreement in force today, read fresh on each request so that a change applies at once. */
async function agreementFor(deps: ContextDependencies, principal: Principal): Promise<Agreement | null> {
  if (principal.role !== 'agency') return null;
  return agreementInForce(deps.db, principal.agencyCode, authorityDate(deps.clock.now()));
}

export async function createRequestContext(
  deps: ContextDependencies,
  requestId: string,
  principal: Principal,
  correlationId?: string,
): Promise<RequestContext> {
  const agreement = await agreementFor(deps, principal);
  const access: Access = { principal, agreement };
  let log: Logger | undefined;
  const audit = new MutationAudit(principal, requestId, deps.clock);
  return {
    requestId,
    correlationId,
    principal,
    agreement,
    caller: { principal, capabilities: capabilitiesOf(agreement) },
    db: withBeforeCommit(deps.db, audit.beforeCommit),
    clock: deps.clock,
    rateBooks: deps.rateBooks,
    assessor: declarationAssessor(deps.rateBooks),
    lifecycleHooks: lifecycleHooks(deps.riskRuleBooks),
    penaltyReceivables: PENALTY_RECEIVABLES,
    // Most requests log nothing of their own: make the request's child logger on first use.
    get log() {
      log ??= deps.log.child(correlationId ? { requestId, correlationId } : { requestId });
      return log;
    },
    loaders: createLoaders(deps.db, access),
    personalDataReads: new PersonalDataReads(principal, agreement),
    costBudget: new QueryBudget(),
    audit,
  };
}
