import DataLoader from 'dataloader';
import type { Executor } from '../../db/client.js';
import type { CommodityCodeRow, TariffChapterRow, TariffHeadingRow, TariffSectionRow } from './model.js';
import {
  commodityCodesOfHeadings,
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

/**
 * The tariff's hierarchy, one batched statement per level and kind whatever a page asks: a list of
 * sections with their chapters and headings is three statements, not one per parent.
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
