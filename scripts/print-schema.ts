import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printSchemaSDL } from '../src/composition/schema.js';
import { projectRoot } from '../src/db/paths.js';

/** Writes schema/schema.graphql from the code (sorted, deterministic). A test fails when they drift. */
const file = path.join(projectRoot(), 'schema', 'schema.graphql');
await writeFile(file, printSchemaSDL());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
