import { builder } from '../../../graphql/builder.js';
import { MoneyRef, type MoneyShape } from '../../../graphql/common.js';
import { ID_PART, resolveKeysetConnection } from '../../../graphql/pagination.js';
import { formatMoney } from '../../../shared/money.js';
import { DeclarationRef } from '../../declarations/graphql/types.js';
import { RECEIVABLE_EVENT_KINDS, RECEIVABLE_STATUSES, type ReceivableStatus } from '../model.js';
import { findReceivablePage } from '../reads.js';
import type { ReceivableRow } from '../repository.js';
import { receivableScope } from '../scope.js';
import type { receivableEvents, receivableLines } from '../tables.js';

export function nok(ore: bigint): MoneyShape {
  return { amount: formatMoney(ore), currency: 'NOK' };
}

const STATUS_DESCRIPTIONS: Record<ReceivableStatus, string> = {
  OPEN: 'Nothing paid yet.',
  PARTLY_PAID: 'Some of it is paid; the rest is open.',
  PAID: 'Nothing is open (paid, or reduced to nothing by an amendment).',
  OVERDUE: 'Not paid by its due date.',
  IN_INSTALMENT_PLAN: 'Being paid by an agreed instalment plan.',
  SENT_TO_COLLECTION: 'Transferred to collection after reminders.',
  WRITTEN_OFF: 'Written off by the authority (a loss, not a reduction of the duties assessed).',
  CANCELLED: 'Reversed because the declaration was cancelled; what was paid is on the credit balance.',
  CREDITED:
    'An amendment lowered the amounts: this records the credit, which reduced what was open or went to the credit balance.',
};

export const ReceivableStatusEnum = builder.enumType('ReceivableStatus', {
  description: 'Where a receivable stands.',
  values: Object.fromEntries(
    RECEIVABLE_STATUSES.map((s) => [s, { value: s, description: STATUS_DESCRIPTIONS[s] }]),
  ) as Record<ReceivableStatus, { value: ReceivableStatus; description: string }>,
});

const ReceivableEventKindEnum = builder.enumType('ReceivableEventKind', {
  description: 'What happened to a receivable.',
  values: Object.fromEntries(
    RECEIVABLE_EVENT_KINDS.map((k) => [
      k,
      { value: k, description: `The receivable's history records ${k.toLowerCase().replaceAll('_', ' ')}.` },
    ]),
  ) as Record<
    (typeof RECEIVABLE_EVENT_KINDS)[number],
    { value: (typeof RECEIVABLE_EVENT_KINDS)[number]; description: string }
  >,
});

const ReceivableLineRef = builder.objectRef<typeof receivableLines.$inferSelect>('ReceivableLine').implement({
  description: "What a receivable adds for one duty kind: the version's difference for that kind.",
  fields: (t) => ({
    dutyKind: t.string({
      description: 'The assessment line kind (CUSTOMS_DUTY, VAT, EXCISE_ALCOHOL ...), as on the assessment.',
      resolve: (l) => l.dutyKind,
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'The amount in NOK; negative where an amendment lowered the kind.',
      resolve: (l) => nok(l.amountOre),
    }),
  }),
});

const ReceivableEventRef = builder.objectRef<typeof receivableEvents.$inferSelect>('ReceivableEvent').implement({
  description: 'One step in the history of a receivable.',
  fields: (t) => ({
    kind: t.field({ type: ReceivableEventKindEnum, description: 'What happened.', resolve: (e) => e.kind }),
    status: t.field({ type: ReceivableStatusEnum, description: 'The status after it.', resolve: (e) => e.status }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The amount it moved (applied, credited, reversed); null when none.',
      resolve: (e) => (e.amountOre === null ? null : nok(e.amountOre)),
    }),
    openAfter: t.field({ type: MoneyRef, description: 'What was open after it.', resolve: (e) => nok(e.openAfterOre) }),
    reference: t.string({
      nullable: true,
      description: "The payment's or the declaration version's reference.",
      resolve: (e) => e.reference,
    }),
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.occurredAt }),
  }),
});

export const ReceivableRef = builder.objectRef<ReceivableRow>('Receivable').implement({
  description:
    "What one accepted version of a declaration added to what its liable party owes customs: the version's payable " +
    'amounts per duty kind less what earlier versions booked, with lines per kind. Seen by the liable party ' +
    '(the importer, or the declarant under indirect representation), officers and auditors; never by agencies.',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'The receivable number; pay it by KID.' }),
    kid: t.exposeString('kid', {
      description:
        'The KID to quote when paying (11 digits, MOD10 check digit): the payment is matched to this receivable.',
    }),
    version: t.exposeInt('version', { description: 'The version of the declaration whose assessment booked it.' }),
    status: t.field({ type: ReceivableStatusEnum, description: 'Where it stands.', resolve: (r) => r.status }),
    dueDate: t.field({
      type: 'Date',
      description: 'The day it falls due (Europe/Oslo): the day of acceptance; customs credit moves it.',
      resolve: (r) => r.dueDate,
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'The difference it booked: positive a charge, zero or negative a credit.',
      resolve: (r) => nok(r.amountOre),
    }),
    open: t.field({
      type: MoneyRef,
      description: 'What is still to pay; never below zero.',
      resolve: (r) => nok(r.openOre),
    }),
    paid: t.field({ type: MoneyRef, description: 'What payments applied to it.', resolve: (r) => nok(r.paidOre) }),
    lines: t.field({
      type: [ReceivableLineRef],
      description: 'The amount per duty kind, summing to `amount`.',
      resolve: (r, _a, ctx) => ctx.loaders.payments.lines.load(r.id),
    }),
    history: t.field({
      type: [ReceivableEventRef],
      description: 'What happened to it, oldest first.',
      resolve: (r, _a, ctx) => ctx.loaders.payments.history.load(r.id),
    }),
    declaration: t.field({
      type: DeclarationRef,
      nullable: true,
      description: 'The declaration it belongs to; null if the caller may not read that declaration.',
      resolve: (r, _a, ctx) => ctx.loaders.declarations.declarationById.load(r.declarationId),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was booked.', resolve: (r) => r.createdAt }),
  }),
});

const ReceivableSelectionEnum = builder.enumType('ReceivableSelection', {
  description: 'Which receivables to list.',
  values: {
    OPEN: { description: 'Those with something still to pay.' },
    ALL: { description: 'All of them, paid, credited and cancelled ones too.' },
  } as const,
});

builder.queryField('receivables', (t) =>
  t.connection(
    {
      type: ReceivableRef,
      nullable: true,
      description:
        "The caller's receivables, newest first, by keyset pages: a business its own as the liable party, a private person " +
        'their own, officers and auditors all. Agencies see none.',
      args: {
        selection: t.arg({
          type: ReceivableSelectionEnum,
          defaultValue: 'OPEN',
          description: 'Open ones only (the default), or all.',
        }),
      },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(
          args,
          [ID_PART],
          (r: ReceivableRow) => [r.id],
          (page) =>
            findReceivablePage(ctx.db, receivableScope(ctx), { openOnly: (args.selection ?? 'OPEN') === 'OPEN' }, page),
        ),
    },
    { name: 'ReceivableConnection', description: 'A page of receivables with cursors to the next and previous pages.' },
    { name: 'ReceivableEdge', description: 'A receivable in a page, with its cursor.' },
  ),
);

const PaymentStatusEnum = builder.enumType('PaymentStatus', {
  description: "Where the payment of a declaration's amounts stands, as the caller may see it.",
  values: {
    NOTHING_PAYABLE: { description: 'Nothing is payable to customs on it (or nothing the caller owes).' },
    AWAITING_PAYMENT: { description: 'Amounts are open and nothing is paid yet: payment holds the goods.' },
    PARTLY_PAID: { description: 'Some is paid and some is still open: payment holds the goods.' },
    PAID: { description: 'Everything payable is paid.' },
    CANCELLED: { description: 'Its receivables were reversed with the declaration.' },
  } as const,
});

type PaymentStatus = 'NOTHING_PAYABLE' | 'AWAITING_PAYMENT' | 'PARTLY_PAID' | 'PAID' | 'CANCELLED';

export function paymentStatusOf(rows: readonly ReceivableRow[]): PaymentStatus {
  if (rows.length === 0) return 'NOTHING_PAYABLE';
  if (rows.every((r) => r.status === 'CANCELLED')) return 'CANCELLED';
  const open = rows.reduce((s, r) => s + r.openOre, 0n);
  const paid = rows.reduce((s, r) => s + (r.status === 'CANCELLED' ? 0n : r.paidOre), 0n);
  if (open > 0n) return paid > 0n ? 'PARTLY_PAID' : 'AWAITING_PAYMENT';
  return rows.some((r) => r.amountOre > 0n) ? 'PAID' : 'NOTHING_PAYABLE';
}

builder.objectFields(DeclarationRef, (t) => ({
  receivables: t.field({
    type: [ReceivableRef],
    nullable: true,
    description:
      "The declaration's receivables the caller may see (as the liable party, or as an officer or auditor), oldest first.",
    resolve: (r, _a, ctx) => ctx.loaders.payments.receivablesByDeclaration.load(r.declaration.id),
  }),
  paymentStatus: t.field({
    type: PaymentStatusEnum,
    nullable: true,
    description:
      "Where the payment of the declaration's amounts stands, from the receivables the caller may see; batched for a page.",
    resolve: async (r, _a, ctx) =>
      paymentStatusOf(await ctx.loaders.payments.receivablesByDeclaration.load(r.declaration.id)),
  }),
}));
