import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { runPrepared } from '../../db/prepared.js';
import type { PendingItemEvent } from '../feed/model.js';
import { itemEventsInsert } from '../feed/service.js';
import { declarationNumberSequences, declarations } from './tables.js';

/**
 * The authority's declaration number, {declarant orgnr}-{ddmmyyyy}-{sequence}, with a gap-free
 * sequence per declarant and day. Gap-free means the counter is taken inside the transaction that
 * stores the declaration (a rolled-back submission gives its number back), and the upsert that
 * takes it locks the day's counter row until the commit: every other submission of the declarant
 * that day waits for that lock. So the number is taken by the last statement of the transaction,
 * and everything else a submission writes comes before it, under a provisional number.
 */

/**
 * What a declaration is stored under until its transaction takes the number. It is never seen
 * outside that transaction, and unique as the declarant's reference is: two submissions of one
 * reference serialise on the unique constraint of declarant and reference (insertNewDeclaration).
 */
export function provisionalNumber(declarantOrgnr: string, clientReference: string): string {
  return `pending:${declarantOrgnr}:${clientReference}`;
}

/**
 * Takes the day's next number and gives it to the declaration and to the feed events of its
 * first version, in one statement: run it as the last statement before the commit, so that the
 * counter's row lock is held for this statement and the commit only. Prepared: its text depends
 * only on whether there are feed events.
 */
export async function numberDeclaration(
  tx: Executor,
  declaration: { readonly id: number; readonly declarantOrgnr: string },
  day: string,
  itemEvents: readonly PendingItemEvent[],
): Promise<string> {
  const counter = declarationNumberSequences;
  const target = { id: sql`${declaration.id}::bigint`, number: sql`(select number from numbered)` };
  const feed = itemEvents.length > 0 ? sql`, feed as (${itemEventsInsert(itemEvents, target)})` : sql``;
  const [row] = await runPrepared<{ number: string }>(
    tx,
    itemEvents.length > 0 ? 'number_declaration_with_feed' : 'number_declaration',
    sql`
    with taken as (
      insert into ${counter} (declarant_orgnr, day, last_value)
      values (${declaration.declarantOrgnr}::text, ${day}::date, 1)
      on conflict (declarant_orgnr, day) do update set last_value = ${counter.lastValue} + 1
      returning last_value),
    numbered as (select ${numberPrefix(declaration.declarantOrgnr, day)}::text || last_value as number from taken)${feed}
    update ${declarations} set number = numbered.number from numbered
     where ${declarations.id} = ${declaration.id}::bigint
    returning numbered.number`,
  );
  if (!row) throw new Error(`declaration ${declaration.id} vanished before it was numbered`);
  return row.number;
}

/** `day` is YYYY-MM-DD; the number carries it as ddmmyyyy. */
function numberPrefix(declarantOrgnr: string, day: string): string {
  const [year, month, date] = day.split('-');
  return `${declarantOrgnr}-${date}${month}${year}-`;
}

export const DECLARATION_NUMBER_PATTERN = /^\d{9}-\d{8}-\d{1,9}$/;
