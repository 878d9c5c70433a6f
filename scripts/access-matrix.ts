import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { capabilitiesOf } from '../src/auth/agreement.js';
import { type AgencyKind, accessMatrix, matrixColumns, renderMatrixMarkdown } from '../src/auth/matrix.js';
import { ACCESS_POLICY } from '../src/composition/policy.js';
import { buildSchema } from '../src/composition/schema.js';
import { referenceDataFolder } from '../src/db/paths.js';

/**
 * Prints the access matrix (every type and field against every role and kind of agency) from the
 * access policy, as Markdown. Agency kinds are the distinct capability sets of the agencies in
 * data/reference/agencies.json; `--json` prints the rows as JSON instead.
 */
export async function agencyKinds(): Promise<AgencyKind[]> {
  const { agencies } = JSON.parse(await readFile(path.join(referenceDataFolder(), 'agencies.json'), 'utf8')) as {
    agencies: { code: string; grants: string[]; chapters: string[]; personalData: boolean }[];
  };
  const kinds = new Map<string, { capabilities: string[]; agencies: string[] }>();
  for (const agency of agencies) {
    const capabilities = [
      ...capabilitiesOf({
        id: 0,
        agencyCode: agency.code,
        grants: new Set(agency.grants),
        chapters: agency.chapters,
        procedures: null,
        originCountries: null,
        personalData: agency.personalData,
        validFrom: '2023-01-01',
        validTo: null,
      }),
    ].sort();
    const key = capabilities.join('+');
    const kind = kinds.get(key) ?? { capabilities, agencies: [] };
    kind.agencies.push(agency.code);
    kinds.set(key, kind);
  }
  return [...kinds.values()].map((k) => ({
    capabilities: k.capabilities as AgencyKind['capabilities'],
    agencies: k.agencies,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const columns = matrixColumns(await agencyKinds());
  const rows = accessMatrix(buildSchema(), columns, ACCESS_POLICY);
  console.log(
    process.argv.includes('--json')
      ? JSON.stringify({ columns: columns.map(({ key, label }) => ({ key, label })), rows }, null, 2)
      : renderMatrixMarkdown(rows, columns),
  );
}
