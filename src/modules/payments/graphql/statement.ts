import { builder } from '../../../graphql/builder.js';
import { MoneyRef } from '../../../graphql/common.js';
import { ValidationFailed } from '../../../shared/errors.js';
import { partyAccount, type ReconciliationCheck, type StatementMovement, statementOf } from '../../ledger/service.js';
import { reconcile } from '../reconciliation.js';
import { findPartyId } from '../repository.js';
import { nok } from './receivables.js';

const MovementRef = builder.objectRef<StatementMovement>('StatementMovement').implement({
  description: "One movement on the party's account with customs.",
  fields: (t) => ({
    postedAt: t.field({ type: 'DateTime', description: 'When it was booked.', resolve: (m) => m.postedAt }),
    kind: t.exposeString('kind', {
      description: 'RECEIVABLE, CREDIT, PAYMENT, OVERPAYMENT, CANCELLATION or REVERSAL.',
    }),
    description: t.exposeString('description', { description: 'What it records.' }),
    account: t.string({
      description: 'RECEIVABLE (what you owe) or CREDIT_BALANCE (what customs owes you).',
      resolve: (m) => m.accountKey.split(':').at(-1) ?? m.accountKey,
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'Positive: more owed by you (or less credit); negative: a payment or credit in your favour.',
      resolve: (m) => nok(m.amountOre),
    }),
  }),
});

interface StatementShape {
  from: string;
  to: string;
  openingOre: bigint;
  movements: readonly StatementMovement[];
  closingOre: bigint;
}

const StatementRef = builder.objectRef<StatementShape>('AccountStatement').implement({
  description:
    "The caller's account with customs for a period: what it owed less its credit balance at the start, each movement, " +
    'and at the end. Positive balances are owed to customs, negative ones are owed to you.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'First day (Europe/Oslo).', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'Last day (Europe/Oslo), included.', resolve: (s) => s.to }),
    openingBalance: t.field({
      type: MoneyRef,
      description: 'The balance before the first day.',
      resolve: (s) => nok(s.openingOre),
    }),
    movements: t.field({
      type: [MovementRef],
      description: 'Every movement in the period, in order.',
      resolve: (s) => s.movements,
    }),
    closingBalance: t.field({
      type: MoneyRef,
      description: 'The opening balance plus the movements.',
      resolve: (s) => nok(s.closingOre),
    }),
  }),
});

builder.queryField('accountStatement', (t) =>
  t.field({
    type: StatementRef,
    nullable: true,
    description:
      "The caller's statement (a business its own organisation's, a private person their own) from `from` to `to`, both included.",
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day (Europe/Oslo).' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day, included; not before `from`.' }),
    },
    resolve: async (_root, args, ctx) => {
      const from = String(args.from);
      const to = String(args.to);
      if (to < from) {
        throw new ValidationFailed([
          { code: 'INVALID_PERIOD', path: ['to'], message: 'The last day is before the first.' },
        ]);
      }
      const p = ctx.principal;
      let partyKey: string | null = null;
      if (p.role === 'business') partyKey = `ORG:${p.organisationNumber}`;
      else if (p.role === 'private') {
        const id = await findPartyId(ctx.db, { nationalIdentityNumber: p.nationalIdentityNumber });
        partyKey = id === null ? null : `PERSON:${id}`;
      }
      const keys = partyKey
        ? [partyAccount(partyKey, 'RECEIVABLE').key, partyAccount(partyKey, 'CREDIT_BALANCE').key]
        : [];
      return { from, to, ...(await statementOf(ctx.db, keys, from, to)) };
    },
  }),
);

const CheckRef = builder.objectRef<ReconciliationCheck>('LedgerReconciliationCheck').implement({
  description: 'One proof the reconciliation runs.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description:
        'ENTRIES_BALANCE, BALANCES_EQUAL_POSTINGS, NO_RECEIVABLE_BELOW_ZERO, RECEIVABLE_ACCOUNTS_EQUAL_OPEN or REVENUE_EQUALS_ASSESSED.',
    }),
    ok: t.exposeBoolean('ok', { description: 'True when it holds.' }),
    description: t.exposeString('description', { description: 'What it compares.' }),
    failures: t.exposeStringList('failures', {
      description: 'The first failures (at most 20), each naming what fails.',
    }),
  }),
});

const ReconciliationRef = builder
  .objectRef<{ ok: boolean; checkedAt: Date; checks: readonly ReconciliationCheck[] }>('LedgerReconciliation')
  .implement({
    description: 'The reconciliation of the ledger with itself, the receivables and the assessments in force, run now.',
    fields: (t) => ({
      ok: t.exposeBoolean('ok', { description: 'True when every check holds.' }),
      checkedAt: t.field({ type: 'DateTime', description: 'When it ran.', resolve: (r) => r.checkedAt }),
      checks: t.field({ type: [CheckRef], description: 'Every check, in order.', resolve: (r) => r.checks }),
    }),
  });

builder.queryField('ledgerReconciliation', (t) =>
  t.field({
    type: ReconciliationRef,
    nullable: true,
    description:
      'Runs the reconciliation (as `npm run ledger:verify` does) in one snapshot: auditors and officers only. It reads the whole journal.',
    resolve: (_root, _args, ctx) =>
      ctx.db.transaction((tx) => reconcile(tx, ctx.clock.now()), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }),
  }),
);
