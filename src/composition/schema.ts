import { defaultFieldResolver, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { protectSchema } from '../auth/enforce.js';
import { builder } from '../graphql/builder.js';
import type { RequestContext } from './context.js';
import { ACCESS_POLICY } from './policy.js';
import '../graphql/scalars.js';
import '../graphql/common.js';
import '../graphql/errors.js';
import '../modules/rates/graphql/reference.js';
import '../modules/rates/graphql/rates.js';
import '../modules/rates/graphql/tariff.js';
import '../modules/parties/graphql.js';
import '../modules/declarations/graphql/types.js';
import '../modules/declarations/graphql/queries.js';
import '../modules/declarations/graphql/mutations.js';
import '../modules/declarations/graphql/holds.js';
import '../modules/viewer/graphql.js';
import '../modules/agencies/graphql.js';
import '../modules/audit/graphql/access-log.js';
import '../modules/audit/graphql/trail.js';
import '../modules/feed/graphql.js';
import '../modules/declarations/graphql/feed.js';
import '../modules/mandates/graphql/types.js';
import '../modules/mandates/graphql/queries.js';
import '../modules/mandates/graphql/mutations.js';
import '../modules/payments/intake/graphql/bank-import.js';
import '../modules/declarations/graphql/representation.js';
import '../modules/statistics/graphql.js';
import '../modules/assessment/graphql/types.js';
import '../modules/assessment/graphql/declaration.js';
import '../modules/assessment/graphql/calculate.js';
import '../modules/control/penalties/graphql/types.js';
import '../modules/control/penalties/graphql/operations.js';
import '../modules/control/penalties/graphql/rules.js';
import '../modules/control/graphql/rule-types.js';
import '../modules/control/graphql/rules.js';
import '../modules/control/graphql/assessment.js';
import '../modules/control/graphql/report.js';
import '../modules/ledger/graphql.js';
import '../modules/payments/graphql/receivables.js';
import '../modules/payments/graphql/statement.js';
import './problem-codes.js';

let built: GraphQLSchema | undefined;
let protectedBuilt: GraphQLSchema | undefined;

/**
 * The executable schema: every module's types, sorted so that printing it is deterministic.
 * Built once per process; importing this file builds nothing.
 */
export function buildSchema(): GraphQLSchema {
  built ??= auditEveryMutation(lexicographicSortSchema(builder.toSchema()));
  return built;
}

/**
 * Every Mutation field runs within the request's audit (src/modules/audit/trail.ts): each of its
 * transactions that changes something writes a trail row, whichever module the field is from, so
 * a new mutation is audited without doing anything. The wrapper sits under the access guard.
 */
function auditEveryMutation(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, ctx: RequestContext, info) =>
      ctx.audit.within(info.fieldName, args, () => resolve(parent, args, ctx, info));
  }
  return schema;
}

/** The schema as served: every field guarded by the access policy (src/auth/enforce.ts). */
export function protectedSchema(): GraphQLSchema {
  protectedBuilt ??= protectSchema(buildSchema(), ACCESS_POLICY);
  return protectedBuilt;
}

/** The SDL as checked in at schema/schema.graphql. */
export function printSchemaSDL(): string {
  return `${printSchema(buildSchema())}\n`;
}
