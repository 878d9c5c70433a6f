import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync, unlinkSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One process per embedded data directory. PGlite keeps the database in the memory of the process
 * that opened it and writes it back to the folder on its own schedule, and it takes no lock: two
 * processes on one folder each see only their own writes and overwrite each other's files, which
 * loses data and can leave the folder damaged. So every opener takes this lock first.
 *
 * The lock is a file next to the data directory holding the owner's pid, host, boot and process
 * start time. It is created whole and atomically (written under a unique name, then hard-linked to
 * the lock's name, which fails if the name exists), so no reader ever sees it half written. A lock
 * whose owner no longer runs is stale and taken over: a process killed with SIGKILL or a power cut
 * does not leave the folder stuck. The start time tells a live owner from an unrelated process that
 * got the same pid later (pids are reused, and a restarted container often gives the new server
 * the pid its predecessor had).
 */

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    readonly lockFile: string,
  ) {
    const what = owner.command ? ` (${owner.command}, since ${owner.since})` : '';
    const elsewhere = owner.host === hostname() ? '' : ` on host ${owner.host}`;
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid}${elsewhere}${what}; ` +
        'one process at a time may open it.' +
        (elsewhere ? ` If that host no longer runs it, delete ${lockFile}.` : ''),
    );
    this.name = 'DataDirInUseError';
  }
}

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** Linux: the kernel's boot id, so a lock from before a reboot is known to be stale. */
  readonly boot: string | null;
  /** Linux: the process's start time in clock ticks since boot, which tells a reused pid apart. */
  readonly start: string | null;
  /**
   * Linux: the pid namespace (`/proc/self/ns/pid`). Containers sharing a host name and a volume
   * each number their processes from 1, so a pid means nothing across namespaces.
   */
  readonly pidNamespace: string | null;
  readonly command: string;
  readonly since: string;
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock if it is still this process's; safe to call twice. */
  release(): Promise<void>;
}

/** Data directories this process holds, so that it does not open one twice either. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: the start time; the command name before it may hold spaces and parentheses. */
function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

function startTimeOf(pid: number): string | null {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function me(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    boot: readOptional('/proc/sys/kernel/random/boot_id'),
    start: startTimeOf(process.pid),
    pidNamespace: pidNamespace(),
    command: path.basename(process.argv[1] ?? process.argv0),
    since: new Date().toISOString(),
  };
}

function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(owner.pid) || typeof owner.host !== 'string') return null;
    return {
      pid: owner.pid as number,
      host: owner.host,
      boot: owner.boot ?? null,
      start: owner.start ?? null,
      pidNamespace: owner.pidNamespace ?? null,
      command: typeof owner.command === 'string' ? owner.command : '',
      since: typeof owner.since === 'string' ? owner.since : '',
    };
  } catch {
    return null;
  }
}

/**
 * Whether the recorded owner still runs. A lock from another host, or from another pid namespace
 * on this one (another container), cannot be checked from here and counts as live. This process's own pid counts as stale unless this process holds the lock: the
 * owner was an earlier process that had the same pid.
 */
function ownerRuns(owner: LockOwner, current: LockOwner): boolean {
  if (owner.host !== current.host) return true;
  if (owner.pidNamespace && current.pidNamespace && owner.pidNamespace !== current.pidNamespace) return true;
  if (owner.pid === current.pid) return false;
  if (owner.boot && current.boot && owner.boot !== current.boot) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.start && current.start) return startTimeOf(owner.pid) === owner.start;
  return true;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function linkOrExists(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function unlinkQuietly(file: string): Promise<void> {
  await unlink(file).catch(() => {});
}

/**
 * Removes a stale lock unless another process replaced it meanwhile. Two processes that both found
 * the same stale lock must not both remove it (the second would delete the first one's new lock),
 * so removal happens under a short-lived second lock and only if the file still holds what was
 * judged stale.
 */
async function removeStale(file: string, staleText: string, mine: string, current: LockOwner): Promise<void> {
  const takeover = `${file}.takeover`;
  if (!(await linkOrExists(mine, takeover))) {
    const other = parseOwner((await readText(takeover)) ?? '');
    // An owner that died while taking over leaves the takeover lock behind; anyone may clear it.
    if (!other || !ownerRuns(other, current)) await unlinkQuietly(takeover);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    if ((await readText(file)) === staleText) await unlinkQuietly(file);
  } finally {
    await unlinkQuietly(takeover);
  }
}

/**
 * Takes the lock of an embedded data directory, or throws DataDirInUseError naming the directory
 * and the process that holds it. The lock file is `<dataDir>.lock`, beside the folder PGlite owns.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  const file = `${dir}.lock`;
  if (held.has(dir)) throw new DataDirInUseError(dir, me(), file);
  const current = me();
  const text = `${JSON.stringify(current)}\n`;
  const mine = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(mine, text, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt >= 50) throw new Error(`Could not take the lock ${file}: other processes keep taking it over`);
      if (await linkOrExists(mine, file)) break;
      const existing = await readText(file);
      if (existing === null) continue;
      const owner = parseOwner(existing);
      if (owner && ownerRuns(owner, current)) throw new DataDirInUseError(dir, owner, file);
      await removeStale(file, existing, mine, current);
    }
  } finally {
    await unlinkQuietly(mine);
  }
  held.set(dir, text);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit() skips the close a caller meant to do; a synchronous removal here still runs.
    process.on('exit', () => {
      for (const [lockedDir, owned] of held) {
        if (readOptional(`${lockedDir}.lock`) === owned.trim()) {
          try {
            unlinkSync(`${lockedDir}.lock`);
          } catch {}
        }
      }
    });
  }
  return {
    file,
    async release() {
      if (held.get(dir) !== text) return;
      held.delete(dir);
      if ((await readText(file)) === text) await unlinkQuietly(file);
    },
  };
}
