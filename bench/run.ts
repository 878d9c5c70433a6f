import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { benchAuditVerify } from './audit-verify.js';
import {
  CALCULATE,
  CALCULATION_ITEMS,
  type CalculationDigest,
  calculationInput,
  type EngineRound,
} from './calculation.js';
import { benchDeclarationInput } from './data.js';
import { benchEngine, FEW_ITEMS } from './engine.js';
import { benchPayments } from './payments.js';
import { benchRiskSelection } from './risk.js';
import { benchTariffSearch } from './tariff-search.js';

/**
 * `npm run bench`: throughput and latency of the API against a plain node:http handler running
 * the same SQL on the same database (PostgreSQL when DATABASE_URL is set, in a fresh database
 * that is dropped afterwards; the embedded database otherwise). Figures are ratios measured in
 * the same run, because these machines are shared and noisy.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export interface Target {
  api: number;
  /** The API executing every operation with graphql-js (bench-only), against its compiled reads. */
  interpreted: number;
  unprotected: number;
  shielded: number;
  baseline: number;
  token: string;
  tokens: { business: string; officer: string; riskOfficer: string; agency: string; deep: string };
  number: string;
  /** A cursor near the end of the deep business's declarations, a full page before the last. */
  deepCursor: string;
  deepDeclarations: number;
  database: string;
  /** What the engine alone answers to the request of row (f) (bench/calculation.ts). */
  calculationDigest: CalculationDigest;
}

export async function withBenchDatabase<T>(work: (url: string | undefined) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) return work(undefined);
  const name = `tollgate_bench_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    return await work(benchUrl.toString());
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/**
 * The Node.js flags `npm start` gives the server (package.json), so that the bench measures the
 * server as it is run (`node <flags> dist/src/main.js`), here from its TypeScript source.
 */
async function serverFlags(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(here, '..', 'package.json'), 'utf8'));
  const words = String(manifest.scripts.start).split(/\s+/);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

export async function startTarget(url: string | undefined) {
  const flags = await serverFlags();
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(here, 'serve.ts')], {
    env: { ...process.env, ...(url ? { BENCH_DATABASE_URL: url } : {}), DATABASE_URL: '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return {
    target: JSON.parse(line) as Target,
    // SIGINT makes a profiling server (BENCH_PROFILE) write its profile first.
    stop: (signal: NodeJS.Signals = 'SIGTERM') => child.kill(signal),
  };
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  statements?: number | undefined;
  /** Median over rounds of this run's throughput divided by its paired baseline run's. */
  ratio?: number | undefined;
}

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function once(options: autocannon.Options) {
  const result = await autocannon({ ...options, duration: DURATION });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summarise(name: string, runs: Awaited<ReturnType<typeof once>>[]): Measurement {
  return {
    name,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/**
 * Runs a workload, or a workload against its baseline, in alternating rounds (baseline, then
 * API, then baseline again ...) after a warm-up of each, so that drift in the machine's load
 * hits both sides alike. The ratio is the median of the per-round ratios.
 */
export async function compare(
  name: string,
  subject: autocannon.Options,
  baseline?: autocannon.Options,
): Promise<Measurement[]> {
  if (baseline) await autocannon({ ...baseline, duration: 2 });
  await autocannon({ ...subject, duration: 2 });
  const baseRuns: Awaited<ReturnType<typeof once>>[] = [];
  const subjectRuns: Awaited<ReturnType<typeof once>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (baseline) baseRuns.push(await once(baseline));
    subjectRuns.push(await once(subject));
    progress(`${name}, round ${round + 1} of ${ROUNDS}:`, baseRuns[round], subjectRuns[round]);
  }
  const measured = summarise(`${name}: API`, subjectRuns);
  if (!baseline) return [measured];
  measured.ratio = median(
    subjectRuns.map((run, i) => run.requestsPerSecond / (baseRuns[i]?.requestsPerSecond ?? Number.NaN)),
  );
  return [summarise(`${name}: baseline`, baseRuns), measured];
}

/** A line per round on stderr as the bench goes, so that a long run shows where it is. */
export function progress(label: string, ...runs: (Awaited<ReturnType<typeof once>> | undefined)[]): void {
  const shown = runs
    .filter((run) => run !== undefined)
    .map((run) => `${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99} ms`);
  process.stderr.write(`${label} ${shown.join(' | ')}\n`);
}

export const ONE = `query One($id: ID!) { declaration(id: $id) { number status goodsItems {
  itemNumber commodityCode description countryOfOrigin netMass invoiceAmount { amount currency } } } }`;
export const PAGE = `query Page { declarations(first: 50) { edges { node { number status goodsItems {
  itemNumber commodityCode description countryOfOrigin netMass invoiceAmount { amount currency } } } } pageInfo { hasNextPage } } }`;
export const PAGE_AFTER = `query Page($after: String) { declarations(first: 50, after: $after) { edges { node { number status goodsItems {
  itemNumber commodityCode description countryOfOrigin netMass invoiceAmount { amount currency } } } } pageInfo { hasNextPage } } }`;
const SUBMIT = `mutation Submit($input: DeclarationInput!) { submitDeclaration(input: $input) {
  __typename ... on SubmitDeclarationSuccess { declaration { number status } } ... on UserError { code } } }`;

async function graphqlStatements(
  target: Target,
  query: string,
  variables: object,
  token = target.token,
): Promise<number | undefined> {
  const response = await fetch(`http://127.0.0.1:${target.api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: { declarations?: { edges: unknown[] } };
    extensions?: { sqlStatements?: number };
    errors?: unknown;
  };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
  const page = body.data?.declarations;
  if (page && page.edges.length !== 50) throw new Error(`a bench page held ${page.edges.length} declarations, not 50`);
  return body.extensions?.sqlStatements;
}

export function api(
  target: Target,
  query: string,
  variables: object = {},
  as: { token?: string; port?: number } = {},
): autocannon.Options {
  return {
    url: `http://127.0.0.1:${as.port ?? target.api}/graphql`,
    connections: CONNECTIONS,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as.token ?? target.token}` },
    body: JSON.stringify({ query, variables }),
  };
}

export function baseline(target: Target, body: object): autocannon.Options {
  return {
    url: `http://127.0.0.1:${target.baseline}/`,
    connections: CONNECTIONS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** Workloads that answered an error: their figures measure failures, so the run fails. */
const erroredWorkloads: string[] = [];

export function row(m: Measurement): string {
  if (m.errors > 0) erroredWorkloads.push(m.name);
  const ratio = m.ratio === undefined ? '' : m.ratio.toFixed(2);
  return `| ${m.name} | ${m.requestsPerSecond.toFixed(0)} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ${ratio} | ${m.statements ?? ''} | ${m.errors} |`;
}

/**
 * BENCH_ONLY=<key>[,<key>...] runs only those workloads (keys: one, page, submit, authorization,
 * calculate, deep, tariff, engine, payments, risk, audit), to measure one change without waiting for the rest.
 * `engine` alone needs no database or server, `audit` no server (it has a database of its own).
 */
const WORKLOADS = [
  'one',
  'page',
  'submit',
  'authorization',
  'calculate',
  'deep',
  'tariff',
  'engine',
  'payments',
  'risk',
  'audit',
] as const;
type Workload = (typeof WORKLOADS)[number];

export function selectedWorkloads(only = process.env.BENCH_ONLY): ReadonlySet<Workload> {
  if (!only) return new Set(WORKLOADS);
  const keys = only.split(',').map((key) => key.trim());
  const unknown = keys.filter((key) => !(WORKLOADS as readonly string[]).includes(key));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown workload ${unknown.join(', ')}; use ${WORKLOADS.join(', ')}`);
  return new Set(keys as Workload[]);
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a workload did not run');
  return value;
}

/**
 * Submissions of one declarant by CONNECTIONS concurrent submitters, each a 20-item declaration
 * with a reference of its own (the same reference again would be an idempotent replay), against
 * the same rows written by a raw transaction, then a check that the numbers are still gap-free.
 */
async function benchSubmissions(target: Target): Promise<string[]> {
  let counter = 0;
  const submissions = (prefix: string, body: (input: object) => object): Pick<autocannon.Options, 'requests'> => ({
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(body(benchDeclarationInput(`${prefix}-${process.pid}-${counter++}`, 20))),
        }),
      },
    ],
  });
  const apiSubmissions = {
    ...api(target, SUBMIT),
    ...submissions('LOAD', (input) => ({ query: SUBMIT, variables: { input } })),
  };
  const rawSubmissions = {
    ...baseline(target, {}),
    ...submissions('RAW', (input) => ({ workload: 'submit', input })),
  };
  const [raw, submitted] = await compare(
    '(c) submit a declaration, 20 items, 10 submitters of one declarant',
    apiSubmissions,
    rawSubmissions,
  );
  // The same rows in the API's own statement plan, hand-written: what the API costs over its SQL.
  const pipelinedSubmissions = {
    ...baseline(target, {}),
    ...submissions('PIPE', (input) => ({ workload: 'submit-pipelined', input })),
  };
  const [pipelined, submittedAgain] = await compare(
    '(c) submit, against the raw statement plan of the API',
    apiSubmissions,
    pipelinedSubmissions,
  );
  // One more run of each, sampling how many connections wait on a lock meanwhile.
  const rawWaits = await sampleLockWaits(target, rawSubmissions);
  const apiWaits = await sampleLockWaits(target, apiSubmissions);
  const check = await fetch(`http://127.0.0.1:${target.baseline}/`, {
    method: 'POST',
    body: JSON.stringify({ workload: 'numbers' }),
  });
  const { data: numbering } = (await check.json()) as {
    data: { declarations: number; highest: number; counter: number; gapFree: boolean };
  };
  if (!numbering.gapFree) throw new Error(`declaration numbers have gaps after the load: ${JSON.stringify(numbering)}`);
  const submittedRun = required(submitted);
  submittedRun.statements = await graphqlStatements(target, SUBMIT, {
    input: benchDeclarationInput(`COUNT-${Date.now()}`, 20),
  });
  return [
    row({ ...required(raw), name: '(c) submit 20 items: raw transactional insert, same rows and numbering' }),
    row({ ...submittedRun, name: '(c) submit 20 items: API (submitDeclaration)' }),
    row({
      ...required(pipelined),
      name: '(c) submit 20 items: raw, the API statement plan (2 statements, the last sent with the COMMIT)',
    }),
    row({
      ...required(submittedAgain),
      statements: submittedRun.statements,
      name: '(c) submit 20 items: API, ratio to the raw of its statement plan',
    }),
    `| (c) connections waiting on a lock, mean of samples: raw ${rawWaits.waiting} of ${rawWaits.busy} busy, API ${apiWaits.waiting} of ${apiWaits.busy} busy |  |  |  |  |  |  |`,
    `| (c) numbers of the day after the load: ${numbering.declarations} declarations, 1 to ${numbering.highest}, no gaps |  |  |  |  |  |  |`,
  ];
}

/** Runs `options` once while sampling the database's lock waits every 100 ms; means of the samples. */
async function sampleLockWaits(target: Target, options: autocannon.Options) {
  const samples: { busy: number; waiting: number }[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      const response = await fetch(`http://127.0.0.1:${target.baseline}/`, {
        method: 'POST',
        body: JSON.stringify({ workload: 'waits' }),
      });
      samples.push(((await response.json()) as { data: { busy: number; waiting: number } }).data);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await autocannon({ ...options, duration: Math.min(DURATION, 5) });
  running = false;
  await sampler;
  const mean = (values: number[]) => (values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)).toFixed(1);
  return { busy: mean(samples.map((s) => s.busy)), waiting: mean(samples.map((s) => s.waiting)) };
}

export async function benchDeclarations(
  target: Target,
  only: ReadonlySet<Workload> = selectedWorkloads(),
): Promise<string[]> {
  const rows: string[] = [];
  if (only.has('one')) {
    const [oneBase, oneApi] = await compare(
      '(a) one declaration, 20 items',
      api(target, ONE, { id: target.number }),
      baseline(target, { workload: 'one', number: target.number }),
    );
    // The same read without the authorization layer: what the rest of the stack costs on its own.
    const [, oneBare] = await compare(
      '(a) without authorization',
      api(target, ONE, { id: target.number }, { port: target.unprotected }),
      baseline(target, { workload: 'one', number: target.number }),
    );
    const measured = required(oneApi);
    measured.statements = await graphqlStatements(target, ONE, { id: target.number });
    rows.push(
      row({ ...required(oneBase), statements: 2 }),
      row(measured),
      row({ ...required(oneBare), name: '(a) one declaration, 20 items: API without authorization (bench-only)' }),
    );
  }
  if (only.has('page')) {
    const [pageBase, pageApi] = await compare(
      '(b) page of 50 declarations with items',
      api(target, PAGE),
      baseline(target, { workload: 'page', first: 50 }),
    );
    const [, pageBare] = await compare(
      '(b) without authorization',
      api(target, PAGE, {}, { port: target.unprotected }),
      baseline(target, { workload: 'page', first: 50 }),
    );
    const measured = required(pageApi);
    measured.statements = await graphqlStatements(target, PAGE, {});
    rows.push(
      row({ ...required(pageBase), statements: 2 }),
      row(measured),
      row({
        ...required(pageBare),
        name: '(b) page of 50 declarations with items: API without authorization (bench-only)',
      }),
    );
  }
  if (only.has('submit')) rows.push(...(await benchSubmissions(target)));
  if (only.has('tariff')) rows.push(...(await benchTariffSearch(target)).map(row));
  if (only.has('authorization')) {
    // Authorization: the same page with the policy enforced (the API as served), without it
    // (bench-only), and enforced by graphql-shield instead (bench-only comparison).
    const officerOn = api(target, PAGE, {}, { token: target.tokens.officer });
    const officerOff = api(target, PAGE, {}, { token: target.tokens.officer, port: target.unprotected });
    const officerShield = api(target, PAGE, {}, { token: target.tokens.officer, port: target.shielded });
    const agencyOn = api(target, PAGE, {}, { token: target.tokens.agency });
    const agencyOff = api(target, PAGE, {}, { token: target.tokens.agency, port: target.unprotected });
    const agencyShield = api(target, PAGE, {}, { token: target.tokens.agency, port: target.shielded });
    const [officerBase, officerGuarded] = await compare(
      '(d) page of 50 as an officer, off / on',
      officerOn,
      officerOff,
    );
    const [agencyBase, agencyGuarded] = await compare('(e) page of 50 as an agency, off / on', agencyOn, agencyOff);
    const [, officerShieldRun] = await compare('(d) officer, graphql-shield', officerShield, officerOff);
    const [, agencyShieldRun] = await compare('(e) agency, graphql-shield', agencyShield, agencyOff);
    rows.push(
      row({ ...required(officerBase), name: '(d) page of 50 as an officer: authorization off (bench-only)' }),
      row({ ...required(officerGuarded), name: '(d) page of 50 as an officer: authorization on (as served)' }),
      row({ ...required(officerShieldRun), name: '(d) page of 50 as an officer: graphql-shield instead (bench-only)' }),
      row({ ...required(agencyBase), name: '(e) page of 50 as an agency: authorization off (bench-only)' }),
      row({ ...required(agencyGuarded), name: '(e) page of 50 as an agency: authorization on (as served)' }),
      row({ ...required(agencyShieldRun), name: '(e) page of 50 as an agency: graphql-shield instead (bench-only)' }),
    );
  }
  if (only.has('calculate')) rows.push(...(await benchCalculation(target)));
  if (only.has('risk')) rows.push(...(await benchRiskSelection(target)));
  if (only.has('deep')) {
    // Keyset paging: a page near the end of the deep business's declarations against its first page.
    const [nearPage, deepPage] = await compare(
      '(g) deep page',
      api(target, PAGE_AFTER, { after: target.deepCursor }, { token: target.tokens.deep }),
      api(target, PAGE_AFTER, {}, { token: target.tokens.deep }),
    );
    const near = required(nearPage);
    const deep = required(deepPage);
    near.statements = await graphqlStatements(target, PAGE_AFTER, {}, target.tokens.deep);
    deep.statements = await graphqlStatements(target, PAGE_AFTER, { after: target.deepCursor }, target.tokens.deep);
    rows.push(
      row({ ...near, name: `(g) first page of 50 of ${target.deepDeclarations} declarations` }),
      row({
        ...deep,
        name: `(g) page of 50 near the end of ${target.deepDeclarations} declarations (ratio: to the first)`,
      }),
    );
  }
  return rows;
}

/**
 * (f) calculateImportDuties of 100 items, public, against the engine alone on the same request
 * (bench/calculation.ts): the answer is checked once to be the engine's before the load.
 */
async function benchCalculation(target: Target): Promise<string[]> {
  const variables = { input: calculationInput(CALCULATION_ITEMS) };
  const response = await fetch(`http://127.0.0.1:${target.api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CALCULATE, variables }),
  });
  const body = (await response.json()) as {
    data?: {
      calculateImportDuties: {
        totals?: { payable: { amount: string }; total: { amount: string } };
        items?: { lines: unknown[] }[];
      };
    };
  };
  const answer = body.data?.calculateImportDuties;
  const answered = {
    payable: answer?.totals?.payable.amount,
    total: answer?.totals?.total.amount,
    lines: answer?.items?.reduce((sum, item) => sum + item.lines.length, 0),
  };
  const expected = target.calculationDigest;
  if (JSON.stringify(answered) !== JSON.stringify(expected)) {
    const said = JSON.stringify(body).slice(0, 500);
    throw new Error(
      `the calculation over HTTP is not the engine's: ${JSON.stringify({ answered, expected })}: ${said}`,
    );
  }
  const calculation = { ...api(target, CALCULATE, variables), headers: { 'content-type': 'application/json' } };
  const engineRound = async () => {
    const answer = await fetch(`http://127.0.0.1:${target.baseline}/`, {
      method: 'POST',
      body: JSON.stringify({ workload: 'engine', ms: DURATION * 1000 }),
    });
    return ((await answer.json()) as { data: EngineRound }).data;
  };
  await autocannon({ ...calculation, duration: 2 });
  const interpreted = { ...calculation, url: `http://127.0.0.1:${target.interpreted}/graphql` };
  await autocannon({ ...interpreted, duration: 2 });
  const engineRuns: EngineRound[] = [];
  const httpRuns: Awaited<ReturnType<typeof once>>[] = [];
  const interpretedRuns: Awaited<ReturnType<typeof once>>[] = [];
  const items = (run: { requestsPerSecond: number }) => run.requestsPerSecond * CALCULATION_ITEMS;
  for (let round = 0; round < ROUNDS; round++) {
    const engine = await engineRound();
    engineRuns.push(engine);
    const run = await once(calculation);
    httpRuns.push(run);
    const slow = await once(interpreted);
    interpretedRuns.push(slow);
    process.stderr.write(
      `(f) calculateImportDuties, round ${round + 1} of ${ROUNDS}: engine ${engine.itemsPerSecond} items/s | ${items(run).toFixed(0)} items/s over HTTP, p99 ${run.p99} ms | graphql-js ${items(slow).toFixed(0)} items/s, p99 ${slow.p99} ms\n`,
    );
  }
  const ratioTo = (runs: typeof httpRuns) =>
    median(runs.map((run, i) => items(run) / (engineRuns[i]?.itemsPerSecond ?? Number.NaN)));
  const measured = { ...summarise('(f) calculateImportDuties', httpRuns), ratio: ratioTo(httpRuns) };
  const slow = { ...summarise('(f) graphql-js', interpretedRuns), ratio: ratioTo(interpretedRuns) };
  const engine = median(engineRuns.map((run) => run.itemsPerSecond));
  const cpu = median(engineRuns.map((run) => run.cpuItemsPerSecond));
  return [
    `| (f) assessment engine alone on the same request and rate book, in the server's process (items/s; ${cpu} per CPU second) | ${engine} |  |  |  |  |  |`,
    row({
      ...measured,
      name: `(f) calculateImportDuties, 100 items over HTTP, every field, reads compiled (as served; ${Math.round(items(measured))} items/s)`,
    }),
    row({
      ...slow,
      name: `(f) calculateImportDuties, the same with graphql-js executing (bench-only; ${Math.round(items(slow))} items/s)`,
    }),
  ];
}

async function main(): Promise<void> {
  const only = selectedWorkloads();
  // The engine alone first, on a quiet process: no server, no load generator. Row (f) measures
  // the engine on its own request in the server's process instead (bench/calculation.ts).
  const engineRows: string[] = [];
  if (only.has('engine')) {
    process.stderr.write('assessment engine alone ...\n');
    const engine = await benchEngine();
    const few = await benchEngine({ itemsPerDeclaration: FEW_ITEMS });
    for (const [name, result] of [
      [`${FEW_ITEMS}-item declarations`, few],
      ['100-item declarations', engine],
    ] as const) {
      engineRows.push(
        `| (f) assessment engine alone, ${name} on a prepared book, one core (items/s; ${result.cpuItemsPerSecond} per CPU second) | ${result.itemsPerSecond} |  |  |  |  |  |`,
      );
    }
  }
  // The audit trail's verification, on a database of its own, before any server runs.
  const auditRows = only.has('audit') ? await withBenchDatabase((url) => benchAuditVerify(url)) : [];
  engineRows.push(...auditRows);
  const onlyEngine = [...only].every((key) => key === 'engine' || key === 'audit');
  // The engine alone needs no database.
  const around = onlyEngine ? <T>(work: (url: undefined) => Promise<T>) => work(undefined) : withBenchDatabase;
  const lines = await around(async (url) => {
    if (onlyEngine)
      return { database: only.has('audit') ? 'its own (audit only)' : 'none (engine only)', rows: engineRows };
    // Payments are measured in-process, on PostgreSQL only (the embedded database has one connection).
    const paymentRows = only.has('payments') && url ? (await benchPayments(url, CONNECTIONS, DURATION)).map(row) : [];
    if ([...only].every((key) => key === 'payments' || key === 'engine')) {
      return {
        database: url ? 'PostgreSQL' : 'embedded (payments need DATABASE_URL)',
        rows: [...engineRows, ...paymentRows],
      };
    }
    const { target, stop } = await startTarget(url);
    try {
      return {
        database: target.database,
        rows: [...engineRows, ...paymentRows, ...(await benchDeclarations(target, only))],
      };
    } finally {
      // A profiling server writes its profile on SIGINT, and exits without one on SIGTERM.
      stop(process.env.BENCH_PROFILE ? 'SIGINT' : 'SIGTERM');
    }
  });
  const report = [
    `# Tollgate benchmark, ${new Date().toISOString()}`,
    '',
    `Database: ${lines.database}. ${CONNECTIONS} connections; ${ROUNDS} alternating rounds of ${DURATION} s after a 2 s warm-up; medians; Node ${process.version}.`,
    'Ratio: median over rounds of requests per second over those of the paired run in the same round: for (a) and (b) ' +
      'the API over a plain node:http handler running the same SQL; for (c) submissions through the API over a raw ' +
      'transaction of postgres.js writing the same rows with the same numbering, on a pool of the same size; for (d) and (e) the API with authorization over ' +
      'the same API without it (a bench-only switch): the share of throughput that authorization leaves; for (f) goods ' +
      'items per second through calculateImportDuties (every field asked for) over the engine alone on the same ' +
      "input and rate book in the server's process, in a round of the same length just before; for (g) a page near the end of tens of " +
      'thousands of declarations over the first page of the same business; (h) has no baseline: its figure is the p99, ' +
      'to stay under 20 ms; for (i) submissions with 200 risk rules in force over the same submissions with none, in ' +
      'alternating rounds on the same server; the audit row has none either: its figure is the time to verify the chain, to stay under 60 s.',
    '',
    '| workload | req/s | p50 ms | p99 ms | ratio to baseline | SQL statements per request | errors |',
    '|---|---|---|---|---|---|---|',
    ...lines.rows,
    '',
  ].join('\n');
  console.log(report);
  const out = path.join(here, 'results');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'latest.md'), report);
  console.log(`Written to ${path.relative(process.cwd(), path.join(out, 'latest.md'))}`);
  if (erroredWorkloads.length > 0) {
    console.error(`Requests failed in: ${erroredWorkloads.join('; ')}. Their rows and ratios measure errors.`);
    process.exitCode = 1;
  }
}

// Run as a script; importable for a quicker look at one workload.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
