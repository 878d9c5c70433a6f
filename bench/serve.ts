import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import postgres from 'postgres';
import { createTokenVerifier } from '../src/auth/tokens.js';
import { buildSchema } from '../src/composition/schema.js';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, openDatabase } from '../src/db/client.js';
import { encodeCursor } from '../src/graphql/pagination.js';
import { KEEP_ALIVE_TIMEOUT_MS } from '../src/http/listener.js';
import { createLogger } from '../src/logger.js';
import { RateBooks } from '../src/modules/assessment/rate-book-cache.js';
import { seedReferenceData } from '../src/seed/seed.js';
import { createServer } from '../src/server.js';
import { authorityDate } from '../src/shared/clock.js';
import { type RawQuery, startBaseline } from './baseline.js';
import { engineOnCalculation } from './calculation.js';
import { BENCH_ORG, cloneBenchDeclarations, DEEP_ORG, seedBenchData } from './data.js';
import { protectSchemaWithShield } from './shield-policy.js';
import type { AssessmentTemplate, RawTransaction } from './submit-baseline.js';

/**
 * The system under test, in a process of its own so that the load generator does not share its
 * core: the API and the baseline handler on the same database, one port each. Prints one JSON
 * line with what the load generator needs, then serves until killed.
 */
const url = process.env.BENCH_DATABASE_URL;
const declarations = Number(process.env.BENCH_DECLARATIONS ?? 200);

let database: DatabaseHandle;
let rawQuery: RawQuery;
let rawTransaction: RawTransaction;
if (url) {
  database = await openDatabase({ url, poolSize: 10 });
  const raw = postgres(url, { max: 10, onnotice: () => {} });
  rawQuery = (text, params) => raw.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>;
  rawTransaction = async (work) =>
    (await raw.begin((t) =>
      work((text, params) => t.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>),
    )) as Awaited<ReturnType<typeof work>>;
} else {
  // One embedded database serves both: PGlite is a single connection, as in production use of it.
  // pg_trgm: the migrations create the tariff search's trigram index.
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const { migrationsFolder } = await import('../src/db/paths.js');
  const { statementCountingLogger } = await import('../src/db/statement-counter.js');
  const db = drizzle({ client, logger: statementCountingLogger() });
  await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
  database = {
    db: db as unknown as DatabaseHandle['db'],
    kind: 'embedded',
    ping: async () => {
      await client.query('select 1');
    },
    migrate: async () => {},
    close: () => client.close(),
  };
  rawQuery = async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows;
  rawTransaction = (work) =>
    client.transaction((t) =>
      work(async (text, params) => (await t.query<Record<string, unknown>>(text, params)).rows),
    );
}
await database.migrate();
await seedReferenceData(database.db);
const numbers = await seedBenchData(database.db, declarations);
// Depth for the keyset workload: BENCH_DEEP_COPIES copies of the declarations, for another business.
const deepIds = await cloneBenchDeclarations(rawQuery, Number(process.env.BENCH_DEEP_COPIES ?? 100));
// A cursor with a full page of 50 older declarations after it, near the end of them all.
const deepCursor = encodeCursor([deepIds[60] as number]);

// Production settings, as deployed: keys from a JWKS file (made up here), not development keys.
const dataDir = await mkdtemp(path.join(tmpdir(), 'tollgate-bench-'));
const { privateKey, publicKey } = await generateKeyPair('ES256');
const jwksFile = path.join(dataDir, 'jwks.json');
await writeFile(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256', kid: 'bench' }] }));
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  JWKS_FILE: jwksFile,
  LOG_LEVEL: 'silent',
  REPORT_SQL_STATEMENTS: 'true',
});
const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setSubject('bench')
    .setExpirationTime('2h')
    .sign(privateKey);
const tokens = {
  business: await sign({ role: 'business', org: BENCH_ORG, scope: 'declarations:read declarations:write' }),
  officer: await sign({ role: 'officer', emp: 'BENCH', scope: 'declarations:read' }),
  // Manages the risk rules of the risk workload.
  riskOfficer: await sign({ role: 'officer', emp: 'BENCH-RISK', scope: 'declarations:read control:write' }),
  // Reads by chapter: sees the declarations with food items, and only those items.
  agency: await sign({ role: 'agency', agency: 'MATTILSYNET' }),
  deep: await sign({ role: 'business', org: DEEP_ORG, scope: 'declarations:read' }),
};

const clock = { now: () => new Date('2026-06-15T12:00:00Z') };
const serverOptions = {
  config,
  database,
  log: createLogger('silent'),
  clock,
  verifier: await createTokenVerifier(config),
};
async function listen(server: Awaited<ReturnType<typeof createServer>>) {
  const http = createHttpServer(server.app);
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return (http.address() as AddressInfo).port;
}
const api = await listen(await createServer(serverOptions));
// The same server executing every operation with graphql-js, to measure what compiling reads gives.
const interpreted = await listen(await createServer({ ...serverOptions, execution: 'interpreted' }));
// The bench-only switch: the same server without authorization, to measure what it costs.
const unprotected = await listen(await createServer({ ...serverOptions, schema: buildSchema() }));
// And with the same policy enforced by graphql-shield, for comparison.
const shielded = await listen(await createServer({ ...serverOptions, schema: protectSchemaWithShield(buildSchema()) }));
// The raw submission stores a copy of an assessment the API made for a bench declaration.
const [assessment] = await rawQuery(
  `select input::text as input, result::text as result, payable::text as payable,
          vat_to_report::text as "vatToReport", total::text as total from assessments limit 1`,
  [],
);
// The engine alone on row (f)'s request, in this process: same flags and rate book as the API's.
const calculation = await engineOnCalculation(buildSchema(), new RateBooks(database.db), authorityDate(clock.now()));
const baseline = await startBaseline(rawQuery, BENCH_ORG, {
  engineRound: calculation.round,
  transaction: rawTransaction,
  embedded: database.kind === 'embedded',
  submission: {
    declarant: BENCH_ORG,
    day: authorityDate(clock.now()),
    at: clock.now(),
    assessment: assessment as unknown as AssessmentTemplate,
  },
});

await startProfilerIfAsked();

process.stdout.write(
  `${JSON.stringify({
    api,
    interpreted,
    unprotected,
    shielded,
    baseline: (baseline.address() as AddressInfo).port,
    token: tokens.business,
    tokens,
    number: numbers[Math.floor(numbers.length / 2)],
    deepCursor,
    deepDeclarations: deepIds.length,
    database: database.kind,
    calculationDigest: calculation.digest,
  })}\n`,
);

/**
 * BENCH_PROFILE=<folder>: a CPU profile of the serving phase only (not start-up or seeding),
 * written when the process is told to stop. Open it in Chrome DevTools or speedscope.
 */
async function startProfilerIfAsked(): Promise<void> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  process.once('SIGINT', async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path.join(folder, `serve-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    process.exit(0);
  });
}
