import { builder } from '../../../graphql/builder.js';
import { decodeGlobalIdOrUnknown } from '../../../graphql/global-ids.js';
import { ID_PART, resolveKeysetConnection } from '../../../graphql/pagination.js';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { DeclarationRef } from '../../declarations/graphql/types.js';
import type { TrailChange, TrailEntry, TrailFilter } from '../model.js';
import { findTrail } from '../service.js';

const PRINCIPAL_KINDS = ['public', 'business', 'private', 'officer', 'auditor', 'agency'] as const;

const AuditPrincipalKind = builder.enumType('AuditPrincipalKind', {
  description: 'The role of the principal that made a change.',
  values: {
    PUBLIC: { value: 'public', description: 'Without a token (no mutation admits it today).' },
    BUSINESS: { value: 'business', description: 'A business; its id is the organisation number.' },
    PRIVATE: {
      value: 'private',
      description: "A private person; its id is the token subject, never the person's national identity number.",
    },
    OFFICER: { value: 'officer', description: 'A customs officer; its id is the employee id.' },
    AUDITOR: { value: 'auditor', description: 'An internal auditor; its id is the employee id.' },
    AGENCY: { value: 'agency', description: 'A partner agency; its id is the agency code.' },
  } satisfies Record<string, { value: (typeof PRINCIPAL_KINDS)[number]; description: string }>,
});

const AuditOperation = builder.enumType('AuditOperation', {
  description: 'The kind of write a statement made.',
  values: {
    INSERT: { description: 'Rows were added.' },
    UPDATE: { description: 'Rows were changed.' },
    DELETE: { description: 'Rows were removed.' },
  },
});

const AuditChangeRef = builder.objectRef<TrailChange>('AuditChange').implement({
  description:
    'What one statement of the change wrote to one table, as the database noted it: the table, the kind of ' +
    'write and the keys of the rows. Child rows of a declaration (versions, goods items, events, assessments, ' +
    'feed events) are keyed by the declaration they belong to.',
  fields: (t) => ({
    table: t.exposeString('table', { description: 'The table written.' }),
    operation: t.field({ type: AuditOperation, description: 'Insert, update or delete.', resolve: (c) => c.op }),
    key: t.exposeString('key', {
      description: 'The column the keys are of: `id`, `declaration_id`, `code` or `organisation_number`.',
    }),
    keys: t.stringList({
      description: 'The distinct keys of the rows written, in ascending order.',
      resolve: (c) => c.ids.map(String),
    }),
  }),
});

const AuditTrailEntryRef = builder.objectRef<TrailEntry>('AuditTrailEntry').implement({
  description:
    'One change made through the API: a transaction of a mutation that wrote something, recorded in the same ' +
    'transaction. A mutation answered with a user error, or that changed nothing (a replay, a retried ' +
    'cancellation), has no entry. Entries are append-only and hash-chained; `npm run audit:verify` checks the ' +
    'chain. Auditors only.',
  fields: (t) => ({
    sequence: t.exposeInt('seq', { description: 'Its place in the chain, from 1, without gaps.' }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change was made (just before its commit).',
      resolve: (e) => e.occurredAt,
    }),
    requestId: t.exposeString('requestId', { description: "The server's id of the request that made it." }),
    principalKind: t.field({
      type: AuditPrincipalKind,
      description: 'The role of who made it.',
      resolve: (e) => e.principalKind as (typeof PRINCIPAL_KINDS)[number],
    }),
    principalId: t.exposeString('principalId', {
      description: 'Who made it in that role (see AuditPrincipalKind): never a national identity number.',
    }),
    subject: t.exposeString('subject', { nullable: true, description: 'The subject of the token it was made with.' }),
    mutation: t.exposeString('mutation', { description: 'The Mutation field, such as `submitDeclaration`.' }),
    input: t.string({
      description:
        "The field's arguments as canonical JSON (sorted keys, no whitespace), with secrets and national identity " +
        'numbers replaced by REDACTED.',
      resolve: (e) => canonicalJson(e.input),
    }),
    changes: t.field({
      type: [AuditChangeRef],
      description: 'What it wrote, statement by statement, in the order the statements ran.',
      resolve: (e) => e.changes as TrailChange[],
    }),
    declarations: t.field({
      type: [DeclarationRef],
      description: 'The declarations it wrote or wrote rows of, as far as you may see them.',
      resolve: async (e, _args, ctx) => {
        const ids = new Set<number>();
        for (const change of e.changes as TrailChange[]) {
          if (change.table === 'declarations' || change.key === 'declaration_id') {
            for (const id of change.ids) ids.add(Number(id));
          }
        }
        const found = await ctx.loaders.declarations.declarationById.loadMany([...ids]);
        return found.filter((d): d is Exclude<typeof d, Error | null> => d !== null && !(d instanceof Error));
      },
    }),
    hash: t.string({
      description: 'SHA-256, in hex, over `previousHash` and the canonical content of the entry.',
      resolve: (e) => e.hash.toString('hex'),
    }),
    previousHash: t.string({
      description: 'The hash of the entry before it, in hex; 64 zeros for the first.',
      resolve: (e) => e.prevHash.toString('hex'),
    }),
  }),
});

const AuditTrailConnection = builder.connectionObject(
  {
    type: AuditTrailEntryRef,
    name: 'AuditTrailEntryConnection',
    description: 'A page of the audit trail, newest first.',
  },
  { name: 'AuditTrailEntryEdge', description: 'An audit trail entry with its cursor.' },
);

const AuditEntityInput = builder.inputType('AuditEntityInput', {
  description: 'A row of a table, by the key its changes note (see AuditChange.key).',
  fields: (t) => ({
    table: t.string({ required: true, description: 'The table, such as `mandates`.' }),
    key: t.string({ required: true, description: 'The key of the row, such as a mandate id.' }),
  }),
});

const AuditTrailFilter = builder.inputType('AuditTrailFilter', {
  description: 'Narrows the audit trail; every condition given must hold.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Changes at or after this instant.' }),
    to: t.field({ type: 'DateTime', description: 'Changes at or before this instant.' }),
    principalKind: t.field({ type: AuditPrincipalKind, description: 'Changes by principals of this role.' }),
    principalId: t.string({ description: 'Changes by this principal (with or without principalKind).' }),
    mutation: t.string({ description: 'Changes made by this Mutation field.' }),
    declaration: t.id({
      description:
        'Changes to this declaration or to its rows (versions, items, status history, holds). An id that names no ' +
        'declaration matches nothing.',
    }),
    entity: t.field({ type: AuditEntityInput, description: 'Changes that wrote this row.' }),
  }),
});

builder.queryField('auditTrail', (t) =>
  t.connection(
    {
      type: AuditTrailEntryRef,
      nullable: true,
      description:
        'Every change made through the API, newest first, filtered by time, principal, mutation, declaration or ' +
        'row. Auditors only.',
      args: { filter: t.arg({ type: AuditTrailFilter, description: 'Conditions the entries must meet.' }) },
      resolve: async (_root, args, ctx) => {
        const given = args.filter;
        let declarationId: number | undefined;
        if (given?.declaration) {
          const decoded = decodeGlobalIdOrUnknown(String(given.declaration));
          const found =
            decoded.typename === 'Declaration'
              ? await ctx.loaders.declarations.declarationByNumber.load(decoded.id)
              : null;
          // No such declaration: no entry can match, and none is fetched.
          declarationId = found?.declaration.id ?? 0;
        }
        const filter: TrailFilter = {
          from: given?.from ?? undefined,
          to: given?.to ?? undefined,
          principalKind: given?.principalKind ?? undefined,
          principalId: given?.principalId ?? undefined,
          mutation: given?.mutation ?? undefined,
          entity: given?.entity ? { table: given.entity.table, id: given.entity.key } : undefined,
          declarationId,
        };
        return resolveKeysetConnection(
          args,
          [ID_PART],
          (e: TrailEntry) => [e.seq],
          (page) => findTrail(ctx.db, filter, page),
        );
      },
    },
    AuditTrailConnection,
  ),
);
