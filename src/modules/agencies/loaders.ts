import DataLoader from 'dataloader';
import type { Executor } from '../../db/client.js';
import { type AgencyRow, agenciesByCodes } from './repository.js';

/** Agencies by code, one statement for every agency a page names (the agencies of its holds). */
export function createAgencyLoaders(db: Executor) {
  return {
    byCode: new DataLoader<string, AgencyRow | null>(async (codes) => {
      const rows = new Map((await agenciesByCodes(db, codes)).map((row) => [row.code, row]));
      return codes.map((code) => rows.get(code) ?? null);
    }),
  };
}

export type AgencyLoaders = ReturnType<typeof createAgencyLoaders>;
