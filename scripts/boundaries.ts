import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module boundaries, checked: dependency-cruiser applies the rules of .dependency-cruiser.cjs
 * to every import under src/, and this adds the one rule it cannot state: no cycle between
 * modules (a module is a folder src/modules/<domain>/, whatever files the cycle runs through).
 * Run from the project's root (or a copy of its layout); exits 1 on any violation.
 *
 *   node --import tsx scripts/boundaries.ts [root]
 */

interface Dependency {
  readonly resolved: string;
  readonly dependencyTypes: readonly string[];
}
interface CruisedModule {
  readonly source: string;
  readonly dependencies: readonly Dependency[];
}
interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}
interface CruiseResult {
  readonly modules: readonly CruisedModule[];
  readonly summary: { readonly violations: readonly Violation[] };
}

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPCRUISE = path.join(PROJECT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(PROJECT, '.dependency-cruiser.cjs');

const domainOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];

/** The cycles of the graph of modules, each as the list of modules it runs through (Tarjan's components). */
export function moduleCycles(modules: readonly CruisedModule[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const file of modules) {
    const from = domainOf(file.source);
    if (!from) continue;
    for (const dependency of file.dependencies) {
      const to = domainOf(dependency.resolved);
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Set<string>();
      targets.add(to);
      edges.set(from, targets);
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The edges between two modules of a cycle, so the report says which imports close it. */
function cycleImports(modules: readonly CruisedModule[], cycle: readonly string[]): string[] {
  const members = new Set(cycle);
  const lines: string[] = [];
  for (const file of modules) {
    const from = domainOf(file.source);
    if (!from || !members.has(from)) continue;
    for (const dependency of file.dependencies) {
      const to = domainOf(dependency.resolved);
      if (to && to !== from && members.has(to)) lines.push(`    ${file.source} → ${dependency.resolved}`);
    }
  }
  return lines;
}

/**
 * Violations the project knows of and has yet to fix, one `rule: from → to` line each (a module
 * cycle as `no-module-cycles: a ↔ b`), in boundaries-known-violations.json at the root. They are
 * reported but do not fail the lint; a new violation does, and so does a listed one that no
 * longer occurs, so the list only shrinks.
 */
export const KNOWN_VIOLATIONS_FILE = 'boundaries-known-violations.json';

function knownViolations(root: string): Set<string> {
  const file = path.join(root, KNOWN_VIOLATIONS_FILE);
  if (!existsSync(file)) return new Set();
  const list = JSON.parse(readFileSync(file, 'utf8')) as { violations?: unknown };
  if (!Array.isArray(list.violations) || !list.violations.every((v) => typeof v === 'string')) {
    throw new Error(`${KNOWN_VIOLATIONS_FILE}: "violations" must be a list of strings`);
  }
  return new Set(list.violations as string[]);
}

export function checkBoundaries(root: string): { ok: boolean; report: string } {
  const run = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (!run.stdout.trim()) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as CruiseResult;
  const known = knownViolations(root);
  const found: { key: string; detail: string[] }[] = [];
  for (const v of result.summary.violations) {
    const via = v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : '';
    found.push({ key: `${v.rule.name}: ${v.from} → ${v.to}`, detail: [via] });
  }
  for (const cycle of moduleCycles(result.modules)) {
    found.push({ key: `no-module-cycles: ${cycle.join(' ↔ ')}`, detail: ['', ...cycleImports(result.modules, cycle)] });
  }
  const fresh = found.filter((v) => !known.has(v.key));
  const stillKnown = found.filter((v) => known.has(v.key));
  const gone = [...known].filter((key) => !found.some((v) => v.key === key));
  const lines = [
    ...fresh.map(
      (v) =>
        `${v.key}${v.detail[0]}${v.detail
          .slice(1)
          .map((d) => `\n${d}`)
          .join('')}`,
    ),
    ...stillKnown.map((v) => `known, to fix: ${v.key}`),
    ...gone.map((key) => `fixed, remove from ${KNOWN_VIOLATIONS_FILE}: ${key}`),
  ];
  const ok = fresh.length === 0 && gone.length === 0;
  const summary = ok
    ? `boundaries: no violations (${result.modules.length} files${stillKnown.length ? `, ${stillKnown.length} known` : ''})`
    : `boundaries: ${fresh.length} violations, ${gone.length} fixed but still listed (README, "Adding a domain", says what may import what)`;
  return { ok, report: [...lines, summary].join('\n') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { ok, report } = checkBoundaries(path.resolve(process.argv[2] ?? '.'));
  (ok ? process.stdout : process.stderr).write(`${report}\n`);
  process.exitCode = ok ? 0 : 1;
}
