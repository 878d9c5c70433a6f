import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/db/data-dir-lock.js';

/**
 * The lock that keeps one process per embedded data directory: taken and released, refused to a
 * second holder with the holder's pid, taken over from a holder that no longer runs (killed, or
 * its pid now belongs to another process), and won by exactly one of several processes racing for
 * a stale lock.
 */
const holder = path.resolve(import.meta.dirname, '../helpers/hold-data-dir-lock.ts');
let folder: string;
let children: ChildProcess[] = [];

interface Holder {
  child: ChildProcess;
  /** Resolves with the next line the process prints. */
  next(): Promise<string>;
  exited: Promise<number | null>;
}

function startHolder(dir: string, go?: string): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, dir, ...(go ? [go] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve) resolve(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    next: () => {
      const line = lines.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** The pid of a process that has run and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'data-dir-lock-'));
});
afterEach(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children = [];
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the lock of an embedded data directory', () => {
  it('is taken, refused to a second opener in the same process, and released', async () => {
    const dir = path.join(folder, 'same-process');
    const lock = await lockDataDir(dir);
    const owner = JSON.parse(await readFile(`${dir}.lock`, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
    await lock.release();
    await expect(readFile(`${dir}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
    const again = await lockDataDir(dir);
    await again.release();
    await again.release();
  });

  it('refuses a second process at once, naming the folder and the holder, until the holder is killed', async () => {
    const dir = path.join(folder, 'two-processes');
    const first = startHolder(dir);
    expect(await first.next()).toBe('ready');
    expect(await first.next()).toBe('locked');
    const error = await lockDataDir(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^The embedded database in ${dir} is in use by process ${first.child.pid} \\(hold-data-dir-lock\\.ts, since `,
      ),
    );
    first.child.kill('SIGKILL');
    await first.exited;
    // Killed without a chance to clean up: its lock file is still there, and is taken over.
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock whose pid no longer runs, or now runs another process', async () => {
    const dir = path.join(folder, 'stale');
    const owner = { host: hostname(), boot: null, start: null, command: 'main.ts', since: '2026-01-01T00:00:00Z' };
    await writeFile(`${dir}.lock`, JSON.stringify({ ...owner, pid: await deadPid() }));
    const lock = await lockDataDir(dir);
    await lock.release();

    // A live process with the recorded pid but another start time is not the one that took the lock.
    const other = startHolder(path.join(folder, 'unrelated'));
    expect(await other.next()).toBe('ready');
    await writeFile(`${dir}.lock`, JSON.stringify({ ...owner, pid: other.child.pid, start: '1' }));
    const reused = await lockDataDir(dir);
    await reused.release();

    // This process's own pid in a lock it does not hold: left by an earlier process with that pid.
    await writeFile(`${dir}.lock`, JSON.stringify({ ...owner, pid: process.pid, start: '1' }));
    const own = await lockDataDir(dir);
    await own.release();
  });

  it('counts a lock from another pid namespace (another container sharing the volume) as live', async () => {
    const dir = path.join(folder, 'other-namespace');
    const owner = { host: hostname(), boot: null, start: null, command: 'main.ts', since: '2026-01-01T00:00:00Z' };
    // The same pid as ours, as pid 1 of two containers would be, in a namespace that is not ours.
    await writeFile(`${dir}.lock`, JSON.stringify({ ...owner, pid: process.pid, pidNamespace: 'pid:[1]' }));
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
  });

  it('is won by exactly one of several processes racing for a stale lock', async () => {
    const dir = path.join(folder, 'race');
    const go = path.join(folder, 'race-go');
    await writeFile(`${dir}.lock`, JSON.stringify({ pid: await deadPid(), host: hostname(), since: '' }));
    const racers = Array.from({ length: 5 }, () => startHolder(dir, go));
    for (const racer of racers) expect(await racer.next()).toBe('ready');
    await writeFile(go, '');
    const outcomes = await Promise.all(racers.map((racer) => racer.next()));
    expect(outcomes.filter((line) => line === 'locked')).toHaveLength(1);
    const winner = racers[outcomes.indexOf('locked')] as Holder;
    for (const line of outcomes.filter((l) => l !== 'locked')) {
      expect(line).toMatch(
        new RegExp(`^refused: The embedded database in ${dir} is in use by process ${winner.child.pid} `),
      );
    }
  }, 60_000);
});
