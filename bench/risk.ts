import type autocannon from 'autocannon';
import { benchDeclarationInput } from './data.js';
import { api, type Measurement, median, once, progress, ROUNDS, row, summarise, type Target } from './run.js';

/**
 * Submission with risk selection: 20-item declarations submitted with 200 risk rules in force
 * against the same submissions with none in force, on the same server, in alternating rounds.
 * Each round creates its 200 rules through the API and retires them after, so a round without
 * rules follows; the first submission after a change prepares the rule set again, as it would in
 * production. The rules are a mix of every kind, weighted so that most declarations stay on
 * RELEASE, as most goods do.
 */
const SUBMIT = `mutation Submit($input: DeclarationInput!) { submitDeclaration(input: $input) {
  __typename ... on SubmitDeclarationSuccess { declaration { number status } } ... on UserError { code } } }`;
const CREATE = `mutation Create($input: CreateRiskRuleInput!) { createRiskRule(input: $input) {
  __typename ... on CreateRiskRuleSuccess { rule { id } } } }`;
const RETIRE = `mutation Retire($input: RetireRiskRuleInput!) { retireRiskRule(input: $input) { __typename } }`;

const CHAPTERS = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '77');
const ORIGINS = ['RU', 'IR', 'KP', 'SY', 'BY', 'VE', 'AF', 'IQ', 'LY', 'SO'];
const GROUPS = ['RCN', 'RRU', 'RIR', 'RUS', 'RALL'];

/** 200 rules: every kind, the parameters spread so a few fire on the bench's goods. */
export function benchRules(): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  const chapter = (i: number) => CHAPTERS[i % CHAPTERS.length] as string;
  for (let i = 0; i < 60; i++)
    rules.push({
      restrictedGoods: {
        chapters: [chapter(i * 7)],
        ...(i % 3 === 0 ? { restrictionGroup: GROUPS[i % GROUPS.length] } : {}),
        agency: 'MATTILSYNET',
        permitDocumentCode: `X${100 + i}`,
      },
    });
  for (let i = 0; i < 40; i++)
    rules.push({
      countryRoute: {
        originCountries: [ORIGINS[i % ORIGINS.length]],
        ...(i % 2 ? { dispatchCountries: [ORIGINS[(i + 3) % ORIGINS.length]] } : {}),
      },
    });
  for (let i = 0; i < 40; i++)
    rules.push({ missingDocument: { chapters: [chapter(i * 11 + 3)], documentCode: `Y${100 + i}` } });
  for (let i = 0; i < 30; i++)
    rules.push({ lowUnitValue: { chapters: [chapter(i * 5)], belowPercent: 10 + (i % 20), minimumSample: 5 } });
  for (let i = 0; i < 10; i++) rules.push({ newImporter: { periodDays: 1 + i } });
  for (let i = 0; i < 20; i++) rules.push({ randomSelection: { perTenThousand: 10, seed: `bench-${i}` } });
  return rules;
}

async function graphql(target: Target, query: string, variables: object): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${target.api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.tokens.riskOfficer}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function createRules(target: Target): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, parameters] of benchRules().entries()) {
    const body = (await graphql(target, CREATE, {
      input: { terms: { name: `Bench rule ${i + 1}`, parameters, weight: 1, reason: 'bench' } },
    })) as { data?: { createRiskRule?: { rule?: { id: string } } } };
    const id = body.data?.createRiskRule?.rule?.id;
    if (!id) throw new Error(`a bench rule was refused: ${JSON.stringify(body)}`);
    ids.push(id);
  }
  return ids;
}

async function retireRules(target: Target, ids: readonly string[]): Promise<void> {
  for (const rule of ids) await graphql(target, RETIRE, { input: { rule, reason: 'bench round over' } });
}

export async function benchRiskSelection(target: Target): Promise<string[]> {
  let counter = 0;
  const submissions: autocannon.Options = {
    ...api(target, SUBMIT),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            query: SUBMIT,
            variables: { input: benchDeclarationInput(`RISK-${process.pid}-${counter++}`, 20) },
          }),
        }),
      },
    ],
  };
  const name = '(i) submit 20 items with 200 risk rules in force';
  const without: Awaited<ReturnType<typeof once>>[] = [];
  const withRules: Awaited<ReturnType<typeof once>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    without.push(await once(submissions));
    const ids = await createRules(target);
    withRules.push(await once(submissions));
    await retireRules(target, ids);
    progress(`${name}, round ${round + 1} of ${ROUNDS}:`, without[round], withRules[round]);
  }
  const measured: Measurement = summarise(`${name}: API`, withRules);
  measured.ratio = median(
    withRules.map((run, i) => run.requestsPerSecond / (without[i]?.requestsPerSecond ?? Number.NaN)),
  );
  return [row(summarise('(i) submit 20 items with no risk rule in force', without)), row(measured)];
}
