import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, printSchemaSDL } from '../src/composition/schema.js';
import {
  DECLARED_BREAKING_CHANGES,
  RELEASED_SCHEMA,
  readDeclaredBreakingChanges,
  schemaChanges,
  undeclared,
} from '../src/graphql/compatibility.js';

/**
 * `npm run schema:changes`: what changed since the released schema, breaking and dangerous, and
 * which breaking changes are not yet declared in schema/breaking-changes.json.
 * `npm run schema:changes -- --release`: the current schema becomes the released one and the list of
 * declared breaking changes starts empty again.
 */
if (process.argv.includes('--release')) {
  await writeFile(RELEASED_SCHEMA, printSchemaSDL());
  await writeFile(DECLARED_BREAKING_CHANGES, `${JSON.stringify({ declared: [] }, null, 2)}\n`);
  console.log(`Released: ${path.relative(process.cwd(), RELEASED_SCHEMA)} is now the current schema.`);
} else {
  const changes = schemaChanges(await readFile(RELEASED_SCHEMA, 'utf8'), buildSchema());
  const { undeclared: missing, stale } = undeclared(changes, await readDeclaredBreakingChanges());
  const list = (title: string, items: string[]) =>
    console.log(`${title} (${items.length})${items.map((item) => `\n  - ${item}`).join('')}`);
  list('Breaking changes since the release', changes.breaking);
  list('Dangerous changes (clients may need to handle new values)', changes.dangerous);
  list('Breaking changes not declared in schema/breaking-changes.json', missing);
  list('Declared changes that no longer happen', stale);
  if (missing.length > 0 || stale.length > 0) process.exitCode = 1;
}
