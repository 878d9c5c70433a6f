import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The uncaught-error policy (src/fatal-errors.ts): an exception nobody caught, or a rejection
 * nobody handled, is logged as one fatal JSON line and the process exits with 1 for its
 * supervisor to restart, instead of dying with a bare stack on stderr or carrying on.
 */
const root = path.resolve(import.meta.dirname, '../../..');

async function runWithPolicy(fault: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    import { exitOnFatalErrors } from './src/fatal-errors.ts';
    import { createLogger } from './src/logger.ts';
    exitOnFatalErrors(createLogger('info'));
    ${fault}
    setTimeout(() => console.log('still running'), 500);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
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
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

function fatalLine(stdout: string): Record<string, unknown> | undefined {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((entry) => entry.level === 60);
}

describe('an error nobody caught', () => {
  it('thrown from a timer callback: logged as fatal, exit 1', async () => {
    const { code, stdout } = await runWithPolicy(`setImmediate(() => { throw new TypeError('boom in a timer'); });`);
    expect(code).toBe(1);
    expect(stdout).not.toContain('still running');
    const line = fatalLine(stdout);
    expect(line?.kind).toBe('uncaught exception');
    expect(JSON.stringify(line?.err)).toContain('boom in a timer');
  }, 30_000);

  it('a rejection nobody handles: logged as fatal, exit 1', async () => {
    const { code, stdout } = await runWithPolicy(`Promise.reject(new Error('nobody listens'));`);
    expect(code).toBe(1);
    expect(stdout).not.toContain('still running');
    const line = fatalLine(stdout);
    expect(line?.kind).toBe('unhandled rejection');
    expect(JSON.stringify(line?.err)).toContain('nobody listens');
  }, 30_000);
});
