import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

/**
 * Tables the API never writes through a mutation, and so need no audit tracking: reference data
 * (loaded by data:load and db:seed), internal counters, the audit chains themselves and the
 * migrations' own bookkeeping. Every other table must be tracked (`SELECT audit_track(...)` in
 * its migration), or the trail would not see what a mutation wrote there.
 */
const UNTRACKED = new Set([
  'assessment_rules',
  'collection_terms',
  'court_fees',
  'penalty_rules',
  'risk_rules_version',
  'audit_chain_heads',
  'audit_trail',
  'commodity_codes',
  'countries',
  'country_group_members',
  'country_groups',
  'currencies',
  'customs_offices',
  'data_access_log',
  'declaration_number_sequences',
  'duty_rates',
  'exchange_rates',
  'excise_rates',
  'packaging_rates',
  'procedure_codes',
  'rates_version',
  'research_levy_rates',
  'tariff_chapters',
  'tariff_headings',
  'tariff_sections',
  'vat_rates',
]);

describe('the tables the audit trail tracks', () => {
  it('tracks inserts, updates and deletes of every table but reference data and the chains', async () => {
    const tables = rowsOf<{ name: string; triggers: string[] | string }>(
      await db.db.execute(sql`
        select c.relname as name,
               coalesce(array_agg(t.tgname::text order by t.tgname) filter (where t.tgname is not null), '{}') as triggers
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          left join pg_trigger t on t.tgrelid = c.oid and t.tgname like '%\_audit\_%'
         where c.relkind = 'r'
         group by c.relname
         order by c.relname`),
    );
    const untracked = [];
    for (const table of tables) {
      const triggers = Array.isArray(table.triggers)
        ? table.triggers
        : String(table.triggers).replace(/[{}]/g, '').split(',').filter(Boolean);
      if (UNTRACKED.has(table.name)) continue;
      const expected = ['_audit_delete', '_audit_insert', '_audit_update'].map((suffix) => `${table.name}${suffix}`);
      if (JSON.stringify(triggers) !== JSON.stringify(expected)) untracked.push(table.name);
    }
    expect(untracked).toEqual([]);
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining([...UNTRACKED]));
    expect(tables.length - UNTRACKED.size).toBeGreaterThanOrEqual(11);
  });
});
