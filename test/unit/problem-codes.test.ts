import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODE_LISTS } from '../../src/composition/problem-codes.js';
import { buildSchema } from '../../src/composition/schema.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * The ways source code raises an input problem with a literal code: an engine or mandate
 * `problem('CODE', ...)`, a declaration's `problems.add('CODE', ...)`, and an object literal
 * `{ code: 'CODE', path: ... }` handed to ValidationFailed.
 */
const RAISED = [
  /\bproblem\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\.add\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode:\s*'([A-Z][A-Z0-9_]+)',\s*path\b/g,
];

function codesRaisedIn(text: string): Set<string> {
  const codes = new Set<string>();
  for (const pattern of RAISED) for (const match of text.matchAll(pattern)) codes.add(match[1] as string);
  return codes;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

async function codesRaisedInSource(): Promise<Map<string, string>> {
  const raised = new Map<string, string>();
  for (const file of await sourceFiles(SRC)) {
    for (const code of codesRaisedIn(await readFile(file, 'utf8'))) raised.set(code, file.slice(SRC.length));
  }
  return raised;
}

function enumValues(): string[] {
  const type = buildSchema().getType('InputProblemCode');
  if (!(type instanceof GraphQLEnumType)) throw new Error('InputProblemCode is not an enum');
  return type.getValues().map((v) => v.name);
}

describe('the input problem codes', () => {
  it('finds a code however the source raises it', () => {
    const sample = `problem('A_CODE', path, 'x'); problems.add('B_CODE', path);
      throw new ValidationFailed([{ code: 'C_CODE', path, message: 'x' }]);
      problems.push({
        code: 'D_CODE',
        path: at('x'),
      });`;
    expect([...codesRaisedIn(sample)].sort()).toEqual(['A_CODE', 'B_CODE', 'C_CODE', 'D_CODE']);
  });

  it('has an enum value for every code raised anywhere in the source', async () => {
    const raised = await codesRaisedInSource();
    // The scan reaches every module that raises problems.
    for (const code of ['UNKNOWN_GRANT', 'MANDATE_OVERLAPS', 'TOO_LONG', 'RATES_NOT_LOADED', 'UNKNOWN_CUSTOMS_OFFICE'])
      expect(raised.has(code), code).toBe(true);
    const values = new Set(enumValues());
    const missing = [...raised].filter(([code]) => !values.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('is exactly the union of the modules’ lists, each value described', () => {
    const listed = new Set(PROBLEM_CODE_LISTS.flatMap((list) => Object.keys(list)));
    expect(enumValues().sort()).toEqual([...listed].sort());
    const type = buildSchema().getType('InputProblemCode') as GraphQLEnumType;
    expect(type.getValues().filter((v) => !v.description)).toEqual([]);
  });
});
