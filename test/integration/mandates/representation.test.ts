import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { importDeclaration, ORG_A, ORG_B, ORG_C, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
const tokens: Record<string, string> = {};

const LIST = `query { declarations(first: 100) { edges { node { number } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.c = await app.token({ role: 'business', organisationNumber: ORG_C });
});
afterAll(() => app.close());

describe('representation without a mandate', () => {
  it('refuses a declaration naming another business as importer and represented party, at both paths, and stores nothing', async () => {
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ importer: { organisationNumber: ORG_C }, representedParty: ORG_C }) },
      tokens.b,
    );
    expect(body.data.submitDeclaration.__typename).toBe('ValidationFailed');
    const problems = body.data.submitDeclaration.problems.map((p: { code: string; path: string[] }) => [
      p.code,
      p.path.join('.'),
    ]);
    expect(problems).toEqual([
      ['MANDATE_MISSING', 'input.importer'],
      ['MANDATE_MISSING', 'input.representedParty'],
    ]);
    expect((await app.graphql(LIST, {}, tokens.c)).body.data.declarations.edges).toEqual([]);
    expect((await app.graphql(LIST, {}, tokens.b)).body.data.declarations.edges).toEqual([]);
  });
});
