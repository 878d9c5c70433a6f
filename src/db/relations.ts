import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.js';

/**
 * Relations for Drizzle's relational queries. Most reads go through repositories with explicit
 * joins and batch loaders; these relations serve the few places where a nested read is clearer.
 */
export const relations = defineRelations(schema, (r) => ({
  declarations: {
    versions: r.many.declarationVersions({
      from: r.declarations.id,
      to: r.declarationVersions.declarationId,
    }),
    events: r.many.declarationEvents({
      from: r.declarations.id,
      to: r.declarationEvents.declarationId,
    }),
  },
}));

export type Relations = typeof relations;
