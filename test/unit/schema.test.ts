import { readFile } from 'node:fs/promises';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSchemaSDL } from '../../src/composition/schema.js';
import {
  RELEASED_SCHEMA,
  readDeclaredBreakingChanges,
  readDeclaredChanges,
  releaseNotes,
  schemaChanges,
  undeclared,
} from '../../src/graphql/compatibility.js';

describe('the schema', () => {
  it('matches schema/schema.graphql (run npm run schema:print after changing the code)', async () => {
    const checkedIn = await readFile(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(printSchemaSDL()).toBe(checkedIn);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    const need = (what: string, description: string | null | undefined) => {
      if (!description || description.trim().length < 8) missing.push(what);
    };
    const types = Object.values(buildSchema().getTypeMap()).filter(
      (type: GraphQLNamedType) => !isIntrospectionType(type) && !(isScalarType(type) && isSpecifiedScalarType(type)),
    );
    for (const type of types) {
      need(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          need(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
      } else if (isUnionType(type)) {
        // the union's own description is checked above
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the root fields the platform promises', () => {
    const schema = buildSchema();
    const query = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const mutation = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(query).toEqual(expect.arrayContaining(['node', 'nodes', 'declaration', 'declarations', 'viewer']));
    expect(mutation).toEqual(expect.arrayContaining(['submitDeclaration', 'amendDeclaration', 'cancelDeclaration']));
  });

  it('breaks nothing against the released schema that schema/breaking-changes.json does not declare', async () => {
    const released = await readFile(RELEASED_SCHEMA, 'utf8');
    const changes = schemaChanges(released, buildSchema());
    // npm run schema:changes lists them; declare each one with the reason and what clients should do.
    expect(undeclared(changes, await readDeclaredBreakingChanges())).toEqual({ undeclared: [], stale: [] });
  });

  it('notices a field removed or an argument made required since the release', async () => {
    const released = (await readFile(RELEASED_SCHEMA, 'utf8')).replace(
      'type Query {',
      'type Query {\n  "Gone."\n  retiredField: String\n',
    );
    const changes = schemaChanges(released, buildSchema());
    expect(changes.breaking).toContain('Query.retiredField was removed.');
    // Against what is declared now, since the release may already hold declared breaking changes.
    const declaredNow = await readDeclaredBreakingChanges();
    expect(undeclared(changes, declaredNow)).toEqual({ undeclared: ['Query.retiredField was removed.'], stale: [] });
    const declared = [...declaredNow, { change: 'Query.retiredField was removed.', why: 'Use something else.' }];
    expect(undeclared(changes, declared)).toEqual({ undeclared: [], stale: [] });
    expect(undeclared({ breaking: [], dangerous: [] }, declared).stale).toContain('Query.retiredField was removed.');
  });

  it('prints the release: each breaking change under its reason, then behaviour and dangerous changes', async () => {
    const changes = schemaChanges(await readFile(RELEASED_SCHEMA, 'utf8'), buildSchema());
    const declared = await readDeclaredChanges();
    const notes = releaseNotes('Release', changes, declared);
    for (const change of changes.breaking) expect(notes).toContain(`  - ${change}`);
    for (const { why } of declared.declared) expect(notes).toContain(`- ${why}`);
    for (const { change } of declared.behaviour) expect(notes).toContain(change);
    for (const change of changes.dangerous) expect(notes).toContain(`- ${change}`);
    // Each reason once, however many changes it explains.
    const reasons = new Set(declared.declared.map((d) => d.why));
    expect(notes.split('\n').filter((line) => line.startsWith('- ') && reasons.has(line.slice(2)))).toHaveLength(
      reasons.size,
    );
  });

  it('declares why each break of behaviour that the shape does not show was made', async () => {
    // Declared breaks of behaviour wait in breaking-changes.json until a release moves them into
    // the changelog: each pending one needs a reason, and a released one stays in the notes.
    const { behaviour } = await readDeclaredChanges();
    for (const entry of behaviour) expect(entry.why.length).toBeGreaterThan(20);
    const changelog = await readFile(new URL('../../schema/CHANGELOG.md', import.meta.url), 'utf8');
    expect(changelog).toContain('Query.declaration(id:) takes a global id only');
    expect(changelog).toContain("Every mutation's result is non-null");
  });
});
