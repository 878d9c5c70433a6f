import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Organisation } from './model.js';
import { organisations } from './tables.js';

/**
 * Parties known to the authority. Other modules read them through these functions; the SQL
 * fragments let a caller read a party's facts inside its own single statement.
 */

/** Whether an organisation is registered for VAT (false when unknown), as a scalar subquery. */
export function vatRegisteredSql(organisationNumber: string | null): SQL<boolean> {
  return sql<boolean>`coalesce((select ${organisations.vatRegistered} from ${organisations}
      where ${organisations.organisationNumber} = ${organisationNumber}::text), false)`;
}

/** Adds organisations not known yet; known ones stay as they are. */
export async function registerOrganisations(db: Executor, list: readonly Organisation[]): Promise<void> {
  if (list.length === 0) return;
  await db
    .insert(organisations)
    .values([...list])
    .onConflictDoNothing();
}

/** True when no organisation is known yet (a database that demo data was never loaded into). */
export async function hasNoOrganisations(db: Executor): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(organisations).limit(1);
  return row === undefined;
}
