import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { issueDevToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { importDeclaration, ORG_A, SUBMIT } from '../helpers/factories.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The real server process (src/main.ts, as `npm start` runs it), with its output kept for the report. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  /** Every line the process wrote, stdout and stderr. */
  readonly output: string[];
  running(): boolean;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const match = /listens on (http:\/\/localhost:\d+)\/graphql/.exec(line);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    void exited.then((code) =>
      reject(new Error(`main.ts exited with ${code} before listening:\n${output.slice(-20).join('\n')}`)),
    );
  });
  return { child, url, exited, output, running: () => exitCode === undefined };
}

/** A business token signed with the development key in `dataDir`, which the server then uses too. */
export async function businessToken(dataDir: string): Promise<string> {
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
  return issueDevToken(config, { role: 'business', organisationNumber: ORG_A });
}

export interface Outcome {
  readonly reference: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** HTTP status, or 0 when no response came (connection refused or reset). */
  readonly status: number;
  readonly code: string | undefined;
  readonly acknowledged: boolean;
  readonly body: string;
  readonly headers: Headers | undefined;
}

export async function submit(url: string, token: string, reference: string, timeoutMs = 15_000): Promise<Outcome> {
  const startedAt = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBMIT, variables: { input: importDeclaration({ clientReference: reference }) } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    let parsed: {
      data?: { submitDeclaration?: { __typename?: string } | null } | null;
      errors?: { extensions?: { code?: string } }[];
    } = {};
    try {
      parsed = JSON.parse(body);
    } catch {
      // a body that is not JSON is reported as is
    }
    return {
      reference,
      startedAt,
      endedAt: performance.now(),
      status: response.status,
      code: parsed.errors?.[0]?.extensions?.code,
      acknowledged:
        response.status === 200 && parsed.data?.submitDeclaration?.__typename === 'SubmitDeclarationSuccess',
      body,
      headers: response.headers,
    };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      reference,
      startedAt,
      endedAt: performance.now(),
      status: timedOut ? -1 : 0,
      code: timedOut ? 'CLIENT_TIMEOUT' : undefined,
      acknowledged: false,
      body: '',
      headers: undefined,
    };
  }
}

/** Concurrent submitters, each sending one submission after the other until stopped. */
export function startLoad(url: string, token: string, prefix: string, submitters = 10) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const workers = Array.from({ length: submitters }, async (_, worker) => {
    for (let i = 0; !stopped; i++) {
      const outcome = await submit(url, token, `${prefix}-${worker}-${i}`);
      outcomes.push(outcome);
      // Refused connections answer at once; do not spin on them.
      if (outcome.status === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  return {
    outcomes,
    async stop(): Promise<Outcome[]> {
      stopped = true;
      await Promise.all(workers);
      return outcomes;
    },
  };
}

/** What no response may hold: a stack frame, SQL, or the driver's own words. */
export const LEAK =
  /\bat [\w.<>]+ \(|\bselect\s.+\sfrom\s|\binsert\s+into\b|\bupdate\s+"?\w+"?\s+set\b|ECONN|CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|postgres\.js/i;

/** Polls /readyz until it answers 200; returns when (performance.now()). */
export async function waitForReady(url: string, timeoutMs = 20_000): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_500) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not yet
    }
    if (performance.now() > until) throw new Error(`/readyz did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
