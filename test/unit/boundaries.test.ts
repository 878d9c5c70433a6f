import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, KNOWN_VIOLATIONS_FILE } from '../../scripts/boundaries.js';

/**
 * The boundary lint (`npm run lint` runs scripts/boundaries.ts) on small trees laid out like src/:
 * one that breaks each rule, and one that uses every import the rules allow.
 */

const roots: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'tollgate-boundaries-'));
  roots.push(root);
  const all = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true },
      include: ['src'],
    }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

const ruleNames = (report: string) =>
  [...new Set(report.split('\n').flatMap((line) => /^([a-z-]+): /.exec(line)?.[1] ?? []))].sort();

describe('the boundary lint', () => {
  it('fails on each kind of violation and names the rule and the import', async () => {
    const root = await tree({
      // alpha reaches into beta's repository, and imports the composition at run time
      'src/modules/alpha/service.ts':
        "import { rows } from '../beta/repository.js';\nimport { compose } from '../../composition/context.js';\nexport const a = () => [rows, compose];\n",
      'src/modules/alpha/model.ts': 'export type Alpha = { id: number };\n',
      'src/modules/alpha/tables.ts': 'export const alphaTable = {};\n',
      // a repository importing its module's GraphQL layer
      'src/modules/alpha/repository.ts': "import { AlphaRef } from './graphql.js';\nexport const r = AlphaRef;\n",
      // a GraphQL layer reaching into another module's repository
      'src/modules/alpha/graphql.ts':
        "import { rows } from '../beta/repository.js';\nexport const AlphaRef = { rows };\n",
      // a repository importing the composition
      'src/modules/beta/repository.ts':
        "import { schema } from '../../composition/schema.js';\nexport const rows = [schema];\n",
      'src/composition/schema.ts': 'export const schema = 1;\n',
      // the builder taking more of the composition than its context type, and HTTP importing it
      'src/graphql/builder.ts':
        "import { compose } from '../composition/context.js';\nimport { schema } from '../composition/schema.js';\nexport const builder = [compose, schema];\n",
      'src/http/app.ts': "import { schema } from '../composition/schema.js';\nexport const app = schema;\n",
      // the server reaching a module past the composition
      'src/server.ts': "import { rows } from './modules/beta/repository.js';\nexport const server = rows;\n",
      // beta needs alpha and alpha needs beta: a cycle of modules through files that form none
      'src/modules/beta/service.ts': "import type { Alpha } from '../alpha/model.js';\nexport type B = Alpha;\n",
      // the infrastructure importing a module
      'src/db/client.ts': "import type { Alpha } from '../modules/alpha/model.js';\nexport type C = Alpha;\n",
      'src/composition/context.ts': 'export const compose = 1;\n',
      // seeds through a table, and a seed left in db/
      'src/seed/seed.ts': "import { alphaTable } from '../modules/alpha/tables.js';\nexport const s = alphaTable;\n",
      'src/db/seed.ts': "import { a } from '../modules/alpha/service.js';\nexport const old = a;\n",
      // two files that import each other
      'src/shared/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n",
      'src/shared/two.ts': "import { one } from './one.js';\nexport const two = () => one;\n",
    });
    const { ok, report } = checkBoundaries(root);
    expect(ok).toBe(false);
    expect(ruleNames(report)).toEqual([
      'boundaries',
      'builder-context-type-only',
      'builder-takes-only-the-context-type',
      'domain-below-graphql',
      'infrastructure-below-composition',
      'infrastructure-knows-no-module',
      'module-graphql-public-face',
      'module-public-face',
      'modules-below-composition',
      'modules-context-type-only',
      'no-file-cycles',
      'no-module-cycles',
      'seeds-outside-db',
      'seeds-use-public-faces',
      'server-through-composition',
    ]);
    expect(report).toContain('module-public-face: src/modules/alpha/service.ts → src/modules/beta/repository.ts');
    expect(report).toContain('infrastructure-knows-no-module: src/db/client.ts → src/modules/alpha/model.ts');
    expect(report).toContain('no-module-cycles: alpha ↔ beta');
    expect(report).toContain('    src/modules/beta/service.ts → src/modules/alpha/model.ts');
  });

  it('passes a tree that imports only what the rules allow', async () => {
    const root = await tree({
      'src/modules/alpha/service.ts':
        "import { listBeta } from '../beta/service.js';\nimport type { Beta } from '../beta/model.js';\nimport { rows } from './repository.js';\nexport const a = (): Beta[] => [...listBeta(), ...rows];\n",
      'src/modules/alpha/repository.ts':
        "import { alphaTable } from './tables.js';\nexport const rows = [alphaTable];\n",
      'src/modules/alpha/tables.ts': 'export const alphaTable = {};\n',
      'src/modules/alpha/graphql.ts':
        "import type { RequestContext } from '../../composition/context.js';\nimport { BetaRef } from '../beta/graphql.js';\nimport { a } from './service.js';\nexport const AlphaRef = { BetaRef, a, ctx: null as RequestContext | null };\n",
      'src/modules/beta/service.ts':
        "import type { Beta } from './model.js';\nexport const listBeta = (): Beta[] => [];\n",
      'src/modules/beta/model.ts': 'export type Beta = { id: number };\n',
      'src/modules/beta/graphql.ts': 'export const BetaRef = {};\n',
      'src/graphql/builder.ts':
        "import type { RequestContext } from '../composition/context.js';\nexport const builder = { ctx: null as RequestContext | null };\n",
      'src/composition/context.ts':
        "import { a } from '../modules/alpha/service.js';\nexport interface RequestContext { readonly a: typeof a }\n",
      'src/composition/schema.ts':
        "import '../modules/alpha/graphql.js';\nimport '../modules/beta/graphql.js';\nimport { builder } from '../graphql/builder.js';\nexport const schema = builder;\n",
      'src/seed/seed.ts': "import { listBeta } from '../modules/beta/service.js';\nexport const s = listBeta;\n",
    });
    const { ok, report } = checkBoundaries(root);
    expect(report).toMatch(/^boundaries: no violations \(\d+ files\)$/);
    expect(ok).toBe(true);
  });

  it('lets a listed known violation pass, and fails once a listed one is gone', async () => {
    const files = {
      'src/modules/alpha/service.ts': "import { rows } from '../beta/repository.js';\nexport const a = rows;\n",
      'src/modules/beta/repository.ts': 'export const rows = [];\n',
    };
    const listed = 'module-public-face: src/modules/alpha/service.ts → src/modules/beta/repository.ts';
    const known = await tree({ ...files, [KNOWN_VIOLATIONS_FILE]: JSON.stringify({ violations: [listed] }) });
    expect(checkBoundaries(known)).toEqual({
      ok: true,
      report: `known, to fix: ${listed}\nboundaries: no violations (2 files, 1 known)`,
    });
    const stale = 'module-public-face: src/modules/alpha/service.ts → src/modules/gamma/tables.ts';
    const gone = await tree({ ...files, [KNOWN_VIOLATIONS_FILE]: JSON.stringify({ violations: [listed, stale] }) });
    const result = checkBoundaries(gone);
    expect(result.ok).toBe(false);
    expect(result.report).toContain(`fixed, remove from ${KNOWN_VIOLATIONS_FILE}: ${stale}`);
  });
});
