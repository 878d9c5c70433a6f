import { builder } from '../../graphql/builder.js';
import { MoneyRef, type MoneyShape } from '../../graphql/common.js';
import { ID_PART, resolveKeysetConnection } from '../../graphql/pagination.js';
import { formatMoney } from '../../shared/money.js';
import { type JournalEntryRow, journalPage } from './reads.js';

const nok = (ore: bigint): MoneyShape => ({ amount: formatMoney(ore), currency: 'NOK' });

const PostingRef = builder.objectRef<JournalEntryRow['postings'][number]>('LedgerPosting').implement({
  description: 'One line of a journal entry: an account debited (positive) or credited (negative).',
  fields: (t) => ({
    accountKey: t.exposeString('accountKey', {
      description:
        'The account, e.g. PARTY:ORG:310000000:RECEIVABLE, PARTY:PERSON:<party id>:CREDIT_BALANCE, REVENUE:VAT, BANK:CLEARING, SUSPENSE. A person is named by an id, never a national identity number.',
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'Debit positive, credit negative; never zero.',
      resolve: (p) => nok(p.amountOre),
    }),
  }),
});

export const JournalEntryRef = builder.objectRef<JournalEntryRow>('LedgerEntry').implement({
  description:
    'A balanced journal entry (its postings sum to zero). Entries are never changed: a correction reverses one.',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'The entry number, in the order entries were posted.' }),
    kind: t.exposeString('kind', {
      description: 'RECEIVABLE, CREDIT, PAYMENT, OVERPAYMENT, CANCELLATION or REVERSAL (more as collection adds them).',
    }),
    reference: t.exposeString('reference', {
      description: 'What it belongs to, e.g. declaration:12:v2 or payment:CARD:<id>.',
    }),
    description: t.exposeString('description', { description: 'What it records, for people.' }),
    postedAt: t.field({ type: 'DateTime', description: 'When it was posted.', resolve: (e) => e.postedAt }),
    reversesEntryId: t.int({
      nullable: true,
      description: 'The entry this one reverses; null for an entry that reverses nothing.',
      resolve: (e) => e.reversesEntryId,
    }),
    postings: t.field({ type: [PostingRef], description: 'Its lines, as posted.', resolve: (e) => e.postings }),
  }),
});

const JournalFilter = builder.inputType('LedgerJournalFilter', {
  description: 'Narrows the journal. All given conditions must hold.',
  fields: (t) => ({
    accountKey: t.string({ description: 'Only entries with a posting to this account.' }),
    from: t.field({ type: 'Date', description: 'Only entries posted on or after this day (Europe/Oslo).' }),
    to: t.field({ type: 'Date', description: 'Only entries posted on or before this day (Europe/Oslo).' }),
  }),
});

builder.queryField('ledgerJournal', (t) =>
  t.connection(
    {
      type: JournalEntryRef,
      nullable: true,
      description: "The authority's journal, newest first, by keyset pages: for auditors (and officers) only.",
      args: { filter: t.arg({ type: JournalFilter, description: 'Conditions the entries must meet.' }) },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(
          args,
          [ID_PART],
          (e: JournalEntryRow) => [e.id],
          (page) => journalPage(ctx.db, args.filter ?? {}, page),
        ),
    },
    {
      name: 'LedgerEntryConnection',
      description: 'A page of journal entries with cursors to the next and previous pages.',
    },
    { name: 'LedgerEntryEdge', description: 'A journal entry in a page, with its cursor.' },
  ),
);
