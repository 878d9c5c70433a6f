import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../../src/auth/tokens.js';
import { createHttpListener } from '../../../src/http/listener.js';
import { createLogger } from '../../../src/logger.js';
import { RateBooks, readRatesVersion } from '../../../src/modules/assessment/service.js';
import { loadRates, readRateFileSet } from '../../../src/modules/rates/service.js';
import { createServer } from '../../../src/server.js';
import { runningClock, startTestApp, type TestApp } from '../../helpers/app.js';

const run = promisify(execFile);

// Pullovers from China (61102000, TALL 10.7 % in the seed), NOK invoice: the duty is the rate times 10.
const CALCULATE = `query($on: Date!) { calculateImportDuties(input: { importer: BUSINESS, invoiceCurrency: "NOK",
  receivedOn: $on, goodsItems: [{ commodityCode: "61102000", description: "Pullover", countryOfOrigin: "CN",
  netMass: "1", supplementaryQuantity: "1", invoiceAmount: "1000" }] }) {
  __typename ... on ImportDutyCalculation { items { lines { kind amount { amount } } } } } }`;

interface Graphql {
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ body: { data?: unknown } }>;
}

async function dutyOn(app: Graphql, on: string): Promise<string | undefined> {
  const { body } = await app.graphql(CALCULATE, { on });
  // biome-ignore lint/suspicious/noExplicitAny: response JSON
  const calculation = (body.data as any)?.calculateImportDuties;
  expect(calculation?.__typename).toBe('ImportDutyCalculation');
  return calculation.items[0].lines.find((l: { kind: string }) => l.kind === 'CUSTOMS_DUTY')?.amount.amount;
}

/** A duty rate file for the pullovers, in the open-data shape data:load reads. */
async function pulloverRateFile(percent: string, from: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'rates-'));
  const file = path.join(folder, 'tollsatser.json');
  await writeFile(
    file,
    JSON.stringify({
      tollsatser: [{ varenummer: '6110.2000', landgruppe: 'TALL', sats: percent, satstype: 'P', fomdato: from }],
    }),
  );
  return file;
}

/**
 * Loads files as `npm run data:load` does: on PostgreSQL by running the command itself against the
 * test's database; on the embedded database, which only this process can open, through the same
 * two calls the command makes (read the file set, load it in one transaction).
 */
async function dataLoad(app: TestApp, files: string[]): Promise<void> {
  if (app.db.url) {
    await run(process.execPath, ['--import', 'tsx', 'scripts/data-load.ts', ...files], {
      env: { ...process.env, DATABASE_URL: app.db.url, NODE_ENV: 'test' },
    });
    return;
  }
  const set = await readRateFileSet(files);
  await app.db.db.transaction((tx) => loadRates(tx, set.records));
}

/** Another server on the same database, as a second instance would be: its own rate book cache. */
async function secondInstance(app: TestApp): Promise<Graphql & { close(): Promise<void> }> {
  const log = createLogger('silent');
  const server = await createServer({
    config: app.config,
    database: app.db,
    log,
    clock: runningClock(),
    verifier: await createTokenVerifier(app.config),
  });
  const http: Server = createHttpListener(server.app, log);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  return {
    async graphql(query, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { body: (await response.json()) as { data?: unknown } };
    },
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await server.stop();
    },
  };
}

let app: TestApp;
let other: TestApp;
beforeAll(async () => {
  [app, other] = await Promise.all([startTestApp(), startTestApp()]);
});
afterAll(() => Promise.all([app.close(), other.close()]));

describe('the rate book, prepared once per rates version', () => {
  it('bumps the version with a load through data:load, and the next request of every instance uses the new rates', async () => {
    const second = await secondInstance(app);
    try {
      // Both instances have prepared the book of the seeded rates.
      expect(await dutyOn(app, '2026-08-01')).toBe('107.00');
      expect(await dutyOn(second, '2026-08-01')).toBe('107.00');
      const before = await readRatesVersion(app.db.db);
      expect(before).toBeGreaterThan(0);

      await dataLoad(app, [await pulloverRateFile('20,00', '2026-08-01')]);

      expect(await readRatesVersion(app.db.db)).toBe(before + 1);
      expect(await dutyOn(app, '2026-08-01')).toBe('200.00');
      expect(await dutyOn(second, '2026-08-01')).toBe('200.00');
      // The day before, the old rate still applies: the book holds every window.
      expect(await dutyOn(app, '2026-07-31')).toBe('107.00');
    } finally {
      await second.close();
    }
  });

  it('never shares a cached book between two databases, even at the same rates version', async () => {
    // Bring both databases to the same version number (the seeded rates again), then load
    // different rates into each: same version, different books.
    const seeded = await pulloverRateFile('10,70', '2022-01-01');
    while ((await readRatesVersion(other.db.db)) < (await readRatesVersion(app.db.db))) await dataLoad(other, [seeded]);
    expect(await readRatesVersion(other.db.db)).toBe(await readRatesVersion(app.db.db));
    expect(await dutyOn(other, '2026-09-01')).toBe('107.00');
    const appFile = await pulloverRateFile('30,00', '2026-09-01');
    const otherFile = await pulloverRateFile('40,00', '2026-09-01');
    await Promise.all([dataLoad(app, [appFile]), dataLoad(other, [otherFile])]);
    expect(await readRatesVersion(other.db.db)).toBe(await readRatesVersion(app.db.db));

    expect(await dutyOn(app, '2026-09-01')).toBe('300.00');
    expect(await dutyOn(other, '2026-09-01')).toBe('400.00');
    expect(await dutyOn(app, '2026-09-01')).toBe('300.00');
  });

  it('builds a version once however many requests ask for it at the same time', async () => {
    const books = new RateBooks(app.db.db);
    app.db.clearStatements();
    const version = await readRatesVersion(app.db.db);
    const all = await Promise.all(Array.from({ length: 20 }, () => books.atVersion(version)));
    expect(new Set(all).size).toBe(1);
    expect(app.db.statements.filter((s) => /from "duty_rates"/.test(s))).toHaveLength(1);
    // Asked again at the same version: no statement at all.
    app.db.clearStatements();
    expect(await books.atVersion(version)).toBe(all[0]);
    expect(app.db.statements).toHaveLength(0);
  });
});
