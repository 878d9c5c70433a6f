import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema as buildFromSDL, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../db/paths.js';

/**
 * Compatibility with the last released schema. Clients compile their queries against the schema we
 * published; a change that breaks them (a field removed, an argument made required, a type changed)
 * must be a decision, not an accident. `schema/released.graphql` is the schema as last released and
 * `schema/breaking-changes.json` lists the breaking changes made since, each with the reason and what
 * clients should do; a test fails on any breaking change that is not listed there, and on a listing
 * that no longer matches a change. Changes of behaviour that the schema's shape does not show (an
 * argument that no longer accepts what it did) are listed there too, under `behaviour`.
 * `npm run schema:changes -- --release` prints the release notes and starts the next release from
 * the current schema.
 */

export interface DeclaredBreakingChange {
  /** The change exactly as graphql-js describes it, for example "Query.foo was removed." */
  change: string;
  /** Why, and what a client should do instead. */
  why: string;
}

export interface SchemaChanges {
  breaking: string[];
  dangerous: string[];
}

export const RELEASED_SCHEMA = path.join(projectRoot(), 'schema', 'released.graphql');
export const DECLARED_BREAKING_CHANGES = path.join(projectRoot(), 'schema', 'breaking-changes.json');

export function schemaChanges(releasedSDL: string, current: GraphQLSchema): SchemaChanges {
  const released = buildFromSDL(releasedSDL);
  return {
    breaking: findBreakingChanges(released, current).map((c) => c.description),
    dangerous: findDangerousChanges(released, current).map((c) => c.description),
  };
}

export interface DeclaredChanges {
  /** Breaking changes of the schema's shape, each as graphql-js names it. */
  declared: DeclaredBreakingChange[];
  /** Breaking changes of behaviour behind an unchanged (or compatibly changed) shape. */
  behaviour: DeclaredBreakingChange[];
}

export async function readDeclaredChanges(): Promise<DeclaredChanges> {
  const file = JSON.parse(await readFile(DECLARED_BREAKING_CHANGES, 'utf8')) as Partial<DeclaredChanges>;
  return { declared: file.declared ?? [], behaviour: file.behaviour ?? [] };
}

export async function readDeclaredBreakingChanges(): Promise<DeclaredBreakingChange[]> {
  return (await readDeclaredChanges()).declared;
}

/**
 * The notes of a release: its breaking changes grouped by their reason (one decision often breaks
 * many types), the changes of behaviour, and the dangerous changes, in Markdown.
 */
export function releaseNotes(title: string, changes: SchemaChanges, declared: DeclaredChanges): string {
  const byReason = new Map<string, string[]>();
  for (const { change, why } of declared.declared) {
    if (!changes.breaking.includes(change)) continue;
    byReason.set(why, [...(byReason.get(why) ?? []), change]);
  }
  const lines = [`# ${title}`, '', `## Breaking changes (${changes.breaking.length})`, ''];
  for (const [why, list] of byReason) {
    lines.push(`- ${why}`, ...list.map((change) => `  - ${change}`));
  }
  lines.push('', `## Changes of behaviour (${declared.behaviour.length})`, '');
  for (const { change, why } of declared.behaviour) lines.push(`- ${change} ${why}`);
  lines.push('', `## Dangerous changes: new values clients may meet (${changes.dangerous.length})`, '');
  lines.push(...changes.dangerous.map((change) => `- ${change}`), '');
  return lines.join('\n');
}

/** Breaking changes nobody declared, and declarations that match no change. */
export function undeclared(
  changes: SchemaChanges,
  declared: readonly DeclaredBreakingChange[],
): { undeclared: string[]; stale: string[] } {
  const listed = new Set(declared.map((d) => d.change));
  const made = new Set(changes.breaking);
  return {
    undeclared: changes.breaking.filter((c) => !listed.has(c)),
    stale: declared.map((d) => d.change).filter((c) => !made.has(c)),
  };
}
