import DataLoader from 'dataloader';
import type { Executor } from '../../db/client.js';
import type {
  CitedRate,
  CommodityCodeRow,
  CustomsOfficeRow,
  ProcedureCodeRow,
  TariffChapterRow,
  TariffHeadingRow,
  TariffSectionRow,
} from './model.js';
import {
  citedRatesByIds,
  commodityCodesOfHeadings,
  commodityCodeVersions,
  customsOfficesByCodes,
  procedureCodesByCodes,
  tariffChaptersByIds,
  tariffChaptersOfSections,
  tariffHeadingsByIds,
  tariffHeadingsOfChapters,
  tariffSectionsByIds,
} from './repository.js';

function byId<Row>(load: (ids: readonly string[]) => Promise<Row[]>, id: (row: Row) => string) {
  return new DataLoader<string, Row | null>(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [id(row), row]));
    return ids.map((key) => rows.get(key) ?? null);
  });
}

function childrenOf<Row>(load: (ids: readonly string[]) => Promise<Row[]>, parent: (row: Row) => string) {
  return new DataLoader<string, Row[]>(async (ids) => {
    const groups = new Map<string, Row[]>(ids.map((key) => [key, []]));
    for (const row of await load(ids)) groups.get(parent(row))?.push(row);
    return ids.map((key) => groups.get(key) ?? []);
  });
}

/** A heading and the date its codes must be in force on. */
export interface HeadingOnDate {
  readonly heading: string;
  readonly date: string;
}

/** A commodity code and the date its version must be in force on. */
export interface CodeOnDate {
  readonly code: string;
  readonly date: string;
}

/**
 * The tariff's hierarchy, one batched statement per level and kind whatever a page asks: a list of
 * sections with their chapters and headings is three statements, not one per parent. The
 * reference rows other modules point at (customs offices, procedures, the code of a goods item)
 * are batched the same way: a page of declarations reads each kind in one statement, and the rate
 * rows an assessment cites one statement per table.
 */
export function createRatesLoaders(db: Executor) {
  return {
    section: byId<TariffSectionRow>(
      (ids) => tariffSectionsByIds(db, ids),
      (row) => row.id,
    ),
    chapter: byId<TariffChapterRow>(
      (ids) => tariffChaptersByIds(db, ids),
      (row) => row.id,
    ),
    heading: byId<TariffHeadingRow>(
      (ids) => tariffHeadingsByIds(db, ids),
      (row) => row.id,
    ),
    chaptersOfSection: childrenOf<TariffChapterRow>(
      (ids) => tariffChaptersOfSections(db, ids),
      (row) => row.sectionId,
    ),
    headingsOfChapter: childrenOf<TariffHeadingRow>(
      (ids) => tariffHeadingsOfChapters(db, ids),
      (row) => row.chapterId,
    ),
    citedRate: new DataLoader<string, CitedRate | null>(async (ids) => {
      const found = await citedRatesByIds(db, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    customsOffice: byId<CustomsOfficeRow>(
      (codes) => customsOfficesByCodes(db, codes),
      (row) => row.code,
    ),
    procedureCode: byId<ProcedureCodeRow>(
      (codes) => procedureCodesByCodes(db, codes),
      (row) => row.code,
    ),
    commodityOnDate: new DataLoader<CodeOnDate, CommodityCodeRow | null, string>(
      async (keys) => {
        // Every version of the codes asked in one statement, whatever the dates: a code has few.
        const versions = await commodityCodeVersions(db, [...new Set(keys.map((k) => k.code))]);
        return keys.map(
          (k) =>
            versions.find(
              (row) =>
                row.code === k.code && row.validFrom <= k.date && (row.validTo === null || row.validTo >= k.date),
            ) ?? null,
        );
      },
      { cacheKeyFn: (k) => `${k.code}|${k.date}` },
    ),
    codesOfHeading: new DataLoader<HeadingOnDate, CommodityCodeRow[], string>(
      async (keys) => {
        // One statement per date asked: a page asks one date.
        const dates = [...new Set(keys.map((k) => k.date))];
        const byKey = new Map<string, CommodityCodeRow[]>();
        for (const date of dates) {
          const headings = keys.filter((k) => k.date === date).map((k) => k.heading);
          for (const row of await commodityCodesOfHeadings(db, headings, date)) {
            const key = `${row.code.slice(0, 4)}|${date}`;
            byKey.set(key, [...(byKey.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => byKey.get(`${k.heading}|${k.date}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.heading}|${k.date}` },
    ),
  };
}

export type RatesLoaders = ReturnType<typeof createRatesLoaders>;
