import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

/**
 * A private PostgreSQL cluster for fault tests: its own data directory and port, so that killing,
 * stopping and pausing it touches nothing else on the machine. Runs as the `postgres` user when
 * the tests run as root (PostgreSQL refuses to run as root).
 */
export interface Cluster {
  readonly port: number;
  readonly directory: string;
  url(database: string): string;
  start(): Promise<void>;
  /** SIGKILL of the postmaster: a crash, followed by crash recovery at the next start. */
  kill(): Promise<void>;
  /** `pg_ctl stop -m fast`: sessions are terminated, then the server shuts down. */
  stopFast(): Promise<void>;
  /** SIGSTOP of the postmaster and every backend: the database stops answering, sockets stay open. */
  pause(): void;
  resume(): void;
  /** Resolves once a fresh connection can run a statement; returns when that was (performance.now()). */
  waitUntilAccepting(timeoutMs?: number): Promise<number>;
  destroy(): Promise<void>;
}

/** The directory of the PostgreSQL server binaries, or undefined where the machine has none. */
export function postgresBinaries(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on the PATH: look where Debian puts the versions
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debian, version, 'bin'));
    }
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => existsSync(path.join(dir, bin))));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a cluster binary, as the postgres user when we are root. */
async function runBinary(bin: string, args: string[]): Promise<string> {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const { stdout } = await run(command as string, argv as string[], { timeout: 60_000 });
  return stdout;
}

/** Process ids whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces; the parent id is the second field after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createCluster(bindir: string): Promise<Cluster> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tollgate-pg-'));
  const data = path.join(directory, 'data');
  const log = path.join(directory, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    await chown(directory, uid, gid);
  }
  await runBinary(path.join(bindir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '-N']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${directory}`,
    '-c listen_addresses=127.0.0.1',
    // Durability across a crash of the postmaster does not need fsync (the kernel keeps the pages);
    // it keeps the suite fast on a shared machine.
    '-c fsync=off',
    '-c max_connections=60',
  ].join(' ');
  let paused: number[] = [];

  const postmasterPid = async (): Promise<number | undefined> => {
    try {
      const pid = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  };

  const cluster: Cluster = {
    port,
    directory,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      // After a SIGKILL the old backends notice their postmaster is gone within moments; until
      // they have, the shared memory is still attached and a new postmaster refuses to start.
      for (let attempt = 0; ; attempt++) {
        try {
          await runBinary(path.join(bindir, 'pg_ctl'), [
            '-D',
            data,
            '-l',
            log,
            '-o',
            options,
            '-w',
            '-t',
            '30',
            'start',
          ]);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await sleep(250);
        }
      }
    },
    async kill() {
      const pid = await postmasterPid();
      if (!pid) throw new Error('the cluster is not running');
      const backends = childrenOf(pid);
      process.kill(pid, 'SIGKILL');
      const until = Date.now() + 10_000;
      while ((alive(pid) || backends.some(alive)) && Date.now() < until) await sleep(20);
    },
    async stopFast() {
      await runBinary(path.join(bindir, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    pause() {
      const pidText = readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0];
      const pid = Number(pidText);
      paused = [pid, ...childrenOf(pid)];
      for (const p of paused) process.kill(p, 'SIGSTOP');
    },
    resume() {
      for (const p of paused) {
        try {
          process.kill(p, 'SIGCONT');
        } catch {
          // gone already
        }
      }
      paused = [];
    },
    async waitUntilAccepting(timeoutMs = 30_000) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const probe = postgres(cluster.url('postgres'), { max: 1, connect_timeout: 1, onnotice: () => {} });
        try {
          await probe`select 1`;
          return performance.now();
        } catch (error) {
          if (performance.now() > until) throw error;
        } finally {
          await probe.end({ timeout: 0 }).catch(() => {});
        }
        await sleep(20);
      }
    },
    async destroy() {
      cluster.resume();
      const pid = await postmasterPid();
      if (pid) {
        try {
          await runBinary(path.join(bindir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } catch {
          process.kill(pid, 'SIGKILL');
        }
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
  return cluster;
}
