import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, printSchemaSDL } from '../src/composition/schema.js';
import {
  DECLARED_BREAKING_CHANGES,
  RELEASED_SCHEMA,
  readDeclaredChanges,
  releaseNotes,
  schemaChanges,
  undeclared,
} from '../src/graphql/compatibility.js';

/**
 * `npm run schema:changes`: what changed since the released schema, breaking and dangerous, and
 * which breaking changes are not yet declared in schema/breaking-changes.json.
 * `npm run schema:changes -- --release`: prints the release notes (every breaking change with its
 * reason, the changes of behaviour, the dangerous changes), adds them to schema/CHANGELOG.md, makes
 * the current schema the released one and starts the list of declared changes empty again. It
 * refuses while a breaking change is undeclared. `--dry-run` prints the notes and writes nothing;
 * `--date YYYY-MM-DD` dates the release (today, UTC, when omitted), for a release cut ahead of its day.
 */
const CHANGELOG = path.join(path.dirname(RELEASED_SCHEMA), 'CHANGELOG.md');
const changes = schemaChanges(await readFile(RELEASED_SCHEMA, 'utf8'), buildSchema());
const declared = await readDeclaredChanges();
const { undeclared: missing, stale } = undeclared(changes, declared.declared);
const list = (title: string, items: string[]) =>
  console.log(`${title} (${items.length})${items.map((item) => `\n  - ${item}`).join('')}`);

if (process.argv.includes('--release')) {
  if (missing.length > 0 || stale.length > 0) {
    list('Breaking changes not declared in schema/breaking-changes.json', missing);
    list('Declared changes that no longer happen', stale);
    console.error('schema:changes: declare every breaking change with its reason before releasing.');
    process.exit(1);
  }
  const dateArgument = process.argv[process.argv.indexOf('--date') + 1];
  const date = process.argv.includes('--date') ? dateArgument : new Date().toISOString().slice(0, 10);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    console.error('schema:changes: --date takes the day of the release as YYYY-MM-DD.');
    process.exit(1);
  }
  const notes = releaseNotes(`Release of ${date}`, changes, declared);
  console.log(notes);
  if (!process.argv.includes('--dry-run')) {
    await appendFile(CHANGELOG, `${notes}\n`);
    await writeFile(RELEASED_SCHEMA, printSchemaSDL());
    await writeFile(DECLARED_BREAKING_CHANGES, `${JSON.stringify({ declared: [], behaviour: [] }, null, 2)}\n`);
    console.log(
      `Released: ${path.relative(process.cwd(), RELEASED_SCHEMA)} is now the current schema; notes added to ${path.relative(process.cwd(), CHANGELOG)}.`,
    );
  }
} else {
  list('Breaking changes since the release', changes.breaking);
  list(
    'Changes of behaviour declared',
    declared.behaviour.map((b) => b.change),
  );
  list('Dangerous changes (clients may need to handle new values)', changes.dangerous);
  list('Breaking changes not declared in schema/breaking-changes.json', missing);
  list('Declared changes that no longer happen', stale);
  if (missing.length > 0 || stale.length > 0) process.exitCode = 1;
}
