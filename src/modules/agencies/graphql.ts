import { AGENCY_CAPABILITIES, capabilitiesOf } from '../../auth/agreement.js';
import type { RequestContext } from '../../composition/context.js';
import { builder } from '../../graphql/builder.js';
import { authorityDate } from '../../shared/clock.js';
import { NotFound, ValidationFailed } from '../../shared/errors.js';
import { ViewerRef } from '../viewer/graphql.js';
import {
  type AgencyRow,
  type AgreementRow,
  agreementHistory,
  findAgency,
  findAgreementInForce,
  listAgencies,
  toAgreement,
} from './repository.js';
import { recordAgreement } from './service.js';

/**
 * The agency a record names, as AgencySummary: every agreement, hold, status change and access
 * log entry names an agency with a row of its own (agreements are recorded for known agencies
 * only), so a missing one is a broken record, not an answer.
 */
export async function agencyNamed(ctx: RequestContext, code: string, record: string): Promise<AgencyRow> {
  const agency = await ctx.loaders.agencies.byCode.load(code);
  if (!agency) throw new Error(`${record} names the unknown agency ${code}`);
  return agency;
}

/** `placeHold` → `PLACE_HOLD`: enum values are SCREAMING_SNAKE_CASE, as GraphQL clients expect. */
function screamingSnake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export const AgencyCapabilityEnum = builder.enumType('AgencyCapability', {
  description: 'What an agency may do under its agreement, as the access policy names it.',
  values: Object.fromEntries(
    Object.entries(AGENCY_CAPABILITIES).map(([name, description]) => [
      screamingSnake(name),
      { value: name, description },
    ]),
  ) as Record<string, { value: keyof typeof AGENCY_CAPABILITIES; description: string }>,
});

export const AgreementRef = builder.objectRef<AgreementRow>('AgencyAgreement').implement({
  description:
    "One version of an agency's data-sharing agreement, in force from validFrom to validTo. Its goods (chapters, " +
    'origins, procedures, and export declarations only with read:exports) are one scope that its declaration ' +
    'reads, the declaration item feed and trade statistics all apply. In the lists, null means every value and an ' +
    'empty list none; the chapter list is the exception: read:declarations:all covers every chapter whatever the ' +
    'list, an empty list covers every chapter (a statistics agreement over all trade), and under ' +
    'read:declarations:chapters, which needs a chapter, an empty list covers no goods.',
  fields: (t) => ({
    number: t.int({
      description: 'Number of this version, unique across agreements; the access log cites it.',
      resolve: (a) => a.id,
    }),
    agency: t.field({
      type: AgencySummaryRef,
      description: 'The agency the agreement is with.',
      resolve: (a, _args, ctx) => agencyNamed(ctx, a.agencyCode, `agreement ${a.id}`),
    }),
    grants: t.exposeStringList('grants', { description: "Grants, in the authority's scope names." }),
    capabilities: t.field({
      type: [AgencyCapabilityEnum],
      description: 'What the grants allow, as the access policy names it.',
      resolve: (a) => [...capabilitiesOf(toAgreement(a))],
    }),
    chapters: t.exposeStringList('chapters', {
      description:
        'HS chapters of the goods the agency sees. Not used with read:declarations:all; empty for all chapters, ' +
        'except under read:declarations:chapters (see the type).',
    }),
    procedures: t.exposeStringList('procedures', {
      nullable: true,
      description: 'Procedures it sees; null for all, empty for none.',
    }),
    originCountries: t.exposeStringList('originCountries', {
      nullable: true,
      description: 'Origins it sees; null for all, empty for none.',
    }),
    personalData: t.exposeBoolean('personalData', { description: 'Whether it sees personal data of private persons.' }),
    validFrom: t.field({ type: 'Date', description: 'First day in force.', resolve: (a) => a.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null while current.',
      resolve: (a) => a.validTo,
    }),
    recordedBy: t.exposeString('recordedBy', { description: 'Who recorded this version (employee id, or seed).' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was recorded.' }),
    recordedAt: t.field({ type: 'DateTime', description: 'When it was recorded.', resolve: (a) => a.recordedAt }),
  }),
});

export const AgencyRef = builder.objectRef<AgencyRow>('Agency').implement({
  description: 'A partner agency for which the authority shares data or acts at the border.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the agency, as in agency tokens.' }),
    name: t.exposeString('name', { description: 'Norwegian name.' }),
    englishName: t.exposeString('englishName', { description: 'English name.' }),
    mandate: t.exposeString('mandate', { description: 'What the agency is responsible for at the border.' }),
    agreement: t.field({
      type: AgreementRef,
      nullable: true,
      description: 'The agreement in force today; null if none.',
      resolve: async (a, _args, ctx) =>
        (await findAgreementInForce(ctx.db, a.code, authorityDate(ctx.clock.now()))) ?? null,
    }),
    agreementHistory: t.field({
      type: [AgreementRef],
      description: 'Every version of the agreement, newest first.',
      resolve: (a, _args, ctx) => agreementHistory(ctx.db, a.code),
    }),
  }),
});

/**
 * Who an agency is, without its agreement: what another type shows of the agency it names (the
 * agency of a hold) to everyone who reads that type. Agency, with the agreement, stays internal.
 */
export const AgencySummaryRef = builder.objectRef<AgencyRow>('AgencySummary').implement({
  description:
    'A partner agency as a record names it: its code and names. Readable by whoever reads the record; the ' +
    'agreement is on Agency, for officers and auditors.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the agency, as in agency tokens.' }),
    name: t.exposeString('name', { description: 'Norwegian name.' }),
    englishName: t.exposeString('englishName', { description: 'English name.' }),
    mandate: t.exposeString('mandate', { description: 'What the agency is responsible for at the border.' }),
  }),
});

builder.queryFields((t) => ({
  agencies: t.field({
    type: [AgencyRef],
    nullable: true,
    description: 'The partner agencies and their agreements. Officers and auditors.',
    resolve: (_root, _args, ctx) => listAgencies(ctx.db),
  }),
  agency: t.field({
    type: AgencyRef,
    nullable: true,
    description: 'One partner agency by code. Officers and auditors.',
    args: { code: t.arg.string({ required: true, description: 'Agency code, for example MATTILSYNET.' }) },
    resolve: async (_root, args, ctx) => (await findAgency(ctx.db, args.code.toUpperCase())) ?? null,
  }),
}));

builder.objectField(ViewerRef, 'agency', (t) =>
  t.field({
    type: AgencySummaryRef,
    nullable: true,
    description: 'For a partner agency: the agency the token acts for. Null for others.',
    resolve: (principal, _args, ctx) =>
      principal.role === 'agency' ? ctx.loaders.agencies.byCode.load(principal.agencyCode) : null,
  }),
);

builder.objectField(ViewerRef, 'agreement', (t) =>
  t.field({
    type: AgreementRef,
    nullable: true,
    description: 'For a partner agency: its agreement in force now, which decides what it sees. Null for others.',
    resolve: async (principal, _args, ctx) =>
      principal.role === 'agency' && ctx.agreement
        ? ((await findAgreementInForce(ctx.db, principal.agencyCode, authorityDate(ctx.clock.now()))) ?? null)
        : null,
  }),
);

const RecordAgreementInput = builder.inputType('RecordAgencyAgreementInput', {
  description: "The complete terms of an agency's agreement from a date on.",
  fields: (t) => ({
    agencyCode: t.string({ required: true, description: 'The agency.' }),
    grants: t.stringList({
      required: true,
      description: 'Grants, for example read:declarations:chapters and place:hold.',
    }),
    chapters: t.stringList({
      required: true,
      description:
        'HS chapters (two digits); empty for all chapters (with read:declarations:all, or for statistics over all ' +
        'trade). read:declarations:chapters needs at least one.',
    }),
    procedures: t.stringList({ description: 'Procedure codes it may see; omit for all, empty for none.' }),
    originCountries: t.field({
      type: ['CountryCode'],
      description: 'Countries of origin it may see; omit for all, empty for none.',
    }),
    personalData: t.boolean({ required: true, description: 'Whether it may see personal data of private persons.' }),
    validFrom: t.field({ type: 'Date', description: 'First day in force, today or later; today when omitted.' }),
    reason: t.string({ required: true, description: 'Why the agreement changes (decision reference).' }),
  }),
});

const RecordAgreementSuccess = builder.objectRef<AgreementRow>('RecordAgencyAgreementSuccess').implement({
  description: 'The new version of the agreement. Agency requests use it from its first day.',
  fields: (t) => ({
    agreement: t.field({ type: AgreementRef, description: 'The recorded version.', resolve: (a) => a }),
  }),
});

builder.mutationField('recordAgencyAgreement', (t) =>
  t.field({
    type: RecordAgreementSuccess,
    description:
      "Records new terms for an agency's agreement. Officers with the agreements:write scope. The previous version is " +
      'closed the day before; it applies to agency requests from the next request on, without a restart.',
    args: { input: t.arg({ type: RecordAgreementInput, required: true, description: 'The terms.' }) },
    errors: {
      types: [ValidationFailed, NotFound],
      union: { name: 'RecordAgencyAgreementResult', description: 'The outcome of recordAgencyAgreement.' },
    },
    resolve: (_root, { input }, ctx) =>
      recordAgreement(ctx, {
        agencyCode: input.agencyCode.trim().toUpperCase(),
        grants: input.grants.map((g) => g.trim()),
        chapters: input.chapters.map((c) => c.trim()),
        procedures: input.procedures?.map((p) => p.trim()) ?? null,
        originCountries: input.originCountries?.map((c) => c.trim().toUpperCase()) ?? null,
        personalData: input.personalData,
        validFrom: input.validFrom ?? null,
        reason: input.reason,
      }),
  }),
);
