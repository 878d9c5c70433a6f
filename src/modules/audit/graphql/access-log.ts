import { builder } from '../../../graphql/builder.js';
import { ID_PART, resolveKeysetConnection } from '../../../graphql/pagination.js';
import { AgencySummaryRef, agencyNamed } from '../../agencies/graphql.js';
import { DeclarationRef } from '../../declarations/graphql/types.js';
import { ViewerRef } from '../../viewer/graphql.js';
import type { AccessLogRow } from '../model.js';
import { findAccessLog } from '../service.js';

const AccessEntryRef = builder.objectRef<AccessLogRow>('DataAccessEntry').implement({
  description: "One read of a person's personal data by a partner agency.",
  fields: (t) => ({
    occurredAt: t.field({ type: 'DateTime', description: 'When the agency read it.', resolve: (e) => e.occurredAt }),
    agency: t.field({
      type: AgencySummaryRef,
      description: 'The agency that read it.',
      resolve: (e, _args, ctx) => agencyNamed(ctx, e.agencyCode, `access log entry ${e.id}`),
    }),
    declaration: t.field({
      type: DeclarationRef,
      nullable: true,
      description:
        'The declaration it read, as far as you may see it: a person sees the declarations where they are the ' +
        'importer, and auditors every one; null for one you may not see (a person no longer named as importer ' +
        'since an amendment).',
      resolve: (e, _args, ctx) => ctx.loaders.declarations.declarationByNumber.load(e.declarationNumber),
    }),
    fields: t.exposeStringList('fields', { description: 'The personal data fields it read.' }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The server's id of the request that read it, for tracing. Auditors only.",
    }),
    correlationId: t.exposeString('correlationId', {
      nullable: true,
      description:
        "The id the agency's own system gave the request (its X-Correlation-Id), as the agency sent it; null when it sent none. Auditors only.",
    }),
    subject: t.exposeString('subject', {
      nullable: true,
      description: 'The token subject that made the request. Auditors only.',
    }),
    nationalIdentityNumber: t.string({
      nullable: true,
      description: 'Whose data was read. Auditors only.',
      resolve: (e) => e.subjectNationalId,
    }),
  }),
});

const AccessEntryConnection = builder.connectionObject(
  {
    type: AccessEntryRef,
    name: 'DataAccessEntryConnection',
    description: 'A page of access log entries, newest first.',
  },
  { name: 'DataAccessEntryEdge', description: 'An access log entry with its cursor.' },
);

builder.objectField(ViewerRef, 'dataAccessLog', (t) =>
  t.connection(
    {
      type: AccessEntryRef,
      nullable: true,
      description:
        'For a private person: which partner agencies read your personal data, when, and in which declaration.',
      resolve: (principal, args, ctx) =>
        principal.role !== 'private'
          ? null
          : resolveKeysetConnection(
              args,
              [ID_PART],
              (e: AccessLogRow) => [e.id],
              (page) => findAccessLog(ctx.db, { subjectNationalId: principal.nationalIdentityNumber }, page),
            ),
    },
    AccessEntryConnection,
  ),
);

const AccessLogFilter = builder.inputType('DataAccessLogFilter', {
  description: 'Narrows the access log.',
  fields: (t) => ({
    agencyCode: t.string({ description: 'Reads by this agency.' }),
    nationalIdentityNumber: t.string({ description: "Reads of this person's data." }),
    from: t.field({ type: 'DateTime', description: 'Reads at or after this instant.' }),
    to: t.field({ type: 'DateTime', description: 'Reads at or before this instant.' }),
  }),
});

builder.queryField('dataAccessLog', (t) =>
  t.connection(
    {
      type: AccessEntryRef,
      nullable: true,
      description: "The whole log of partner agencies' reads of personal data, newest first. Auditors only.",
      args: { filter: t.arg({ type: AccessLogFilter, description: 'Conditions the entries must meet.' }) },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(
          args,
          [ID_PART],
          (e: AccessLogRow) => [e.id],
          (page) =>
            findAccessLog(
              ctx.db,
              {
                agencyCode: args.filter?.agencyCode?.toUpperCase() ?? undefined,
                subjectNationalId: args.filter?.nationalIdentityNumber ?? undefined,
                from: args.filter?.from ?? undefined,
                to: args.filter?.to ?? undefined,
              },
              page,
            ),
        ),
    },
    AccessEntryConnection,
  ),
);
