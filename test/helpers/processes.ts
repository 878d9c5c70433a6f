import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The repository's root, where the processes under test run. */
export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node --import tsx <args>` in the repository to its end and keeps what it printed. */
export async function runTsx(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Finished> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repositoryRoot,
    ...(env ? { env } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr, ms: Date.now() - started };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts the real server (`src/main.ts`) and resolves once it says where it listens. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'src/main.ts')], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /listens on (http:\/\/localhost:\d+)\/graphql/.exec(line);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    void exited.then((code) => reject(new Error(`main.ts exited with ${code} before listening`)));
  });
  return { child, url, exited };
}
