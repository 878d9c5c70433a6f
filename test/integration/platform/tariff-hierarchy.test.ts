import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2025-08-15T12:00:00Z') });
});
afterAll(() => app.close());

const TARIFF_TABLES = /tariff_sections|tariff_chapters|tariff_headings|commodity_codes/;

interface Section {
  number: string;
  chapters: {
    code: string;
    section: { number: string };
    headings: { code: string; commodities: { code: string; heading: { code: string } }[] }[];
  }[];
}

describe('the tariff as its hierarchy', () => {
  it('walks every section, chapter, heading and code in a fixed number of statements', async () => {
    app.db.clearStatements();
    const { body } = await app.graphql(`{ tariffSections { number description chapters { code section { number }
      headings { code commodities { code heading { code } } } } } }`);
    expect(body.errors).toBeUndefined();
    const sections = body.data.tariffSections as Section[];
    expect(sections.map((s) => s.number)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(sections.flatMap((s) => s.chapters)).toHaveLength(97);
    const headings = sections.flatMap((s) => s.chapters.flatMap((c) => c.headings));
    expect(headings).toHaveLength(1265);
    const codes = headings.flatMap((h) => h.commodities);
    // Every published code, and the development codes under published headings.
    expect(codes.length).toBeGreaterThanOrEqual(7436);
    for (const section of sections) {
      for (const chapter of section.chapters) {
        expect(chapter.section.number).toBe(section.number);
        for (const heading of chapter.headings) {
          expect(heading.code.slice(0, 2)).toBe(chapter.code);
          for (const code of heading.commodities) expect(code.heading.code).toBe(heading.code);
        }
      }
    }
    // Sections; chapters of sections; section of chapters; headings of chapters; codes of headings; heading of codes.
    expect(app.db.statements.filter((statement) => TARIFF_TABLES.test(statement))).toHaveLength(6);
  });

  it('finds a chapter and a heading by code, with their parents and children, and null for none', async () => {
    const { body } = await app.graphql(`{
      heading: tariffHeading(code: "0406") { code description chapter { code description section { number description } }
        commodities { code description } }
      chapter: tariffChapter(code: "04") { code headings { code } }
      none: tariffChapter(code: "98") { code }
      commodity(code: "04069030") { heading { description } chapter { code } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.heading).toMatchObject({
      code: '0406',
      description: 'Cheese and curd.',
      chapter: { code: '04', section: { number: '01', description: 'Live animals; animal products' } },
    });
    expect(body.data.heading.commodities).toHaveLength(15);
    expect(body.data.heading.commodities[0]).toEqual({ code: '04061001', description: 'Whey cheese' });
    expect(body.data.chapter.headings.map((h: { code: string }) => h.code)).toEqual([
      '0401',
      '0402',
      '0403',
      '0404',
      '0405',
      '0406',
      '0407',
      '0408',
      '0409',
      '0410',
    ]);
    expect(body.data.none).toBeNull();
    expect(body.data.commodity).toEqual({ heading: { description: 'Cheese and curd.' }, chapter: { code: '04' } });
  });

  it('keeps the restriction groups loaded beside the duty groups', async () => {
    const rows = await app.db.db.execute(
      "select code from country_groups where code in ('RALL', 'RRU', 'TALL', 'TEF') order by code",
    );
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { code: string }[];
    expect(list.map((r) => r.code)).toEqual(['RALL', 'RRU', 'TALL', 'TEF']);
  });
});
