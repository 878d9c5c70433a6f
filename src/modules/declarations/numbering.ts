import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { declarationNumberSequences } from './tables.js';

/**
 * Hands out the authority's declaration number, {declarant orgnr}-{ddmmyyyy}-{sequence}, with a
 * gap-free sequence per declarant and day. The upsert takes a row lock on the day's counter, so
 * concurrent submissions get distinct numbers; run it inside the transaction that stores the
 * declaration so that a rolled-back submission does not consume a number.
 */
export async function nextDeclarationNumber(tx: Executor, declarantOrgnr: string, day: string): Promise<string> {
  const [row] = await tx
    .insert(declarationNumberSequences)
    .values({ declarantOrgnr, day, lastValue: 1 })
    .onConflictDoUpdate({
      target: [declarationNumberSequences.declarantOrgnr, declarationNumberSequences.day],
      set: { lastValue: sql`${declarationNumberSequences.lastValue} + 1` },
    })
    .returning({ lastValue: declarationNumberSequences.lastValue });
  if (!row) throw new Error('the declaration number sequence returned no row');
  return formatDeclarationNumber(declarantOrgnr, day, row.lastValue);
}

/** `day` is YYYY-MM-DD; the number carries it as ddmmyyyy. */
export function formatDeclarationNumber(declarantOrgnr: string, day: string, sequence: number): string {
  const [year, month, date] = day.split('-');
  return `${declarantOrgnr}-${date}${month}${year}-${sequence}`;
}

export const DECLARATION_NUMBER_PATTERN = /^\d{9}-\d{8}-\d{1,9}$/;
