import { type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import type { AgencyCapability } from './agreement.js';
import { type Caller, isInAnyAudience } from './audiences.js';
import { audiencesFor } from './enforce.js';
import type { AccessPolicy } from './policy.js';
import { DEFAULT_SCOPES, type Principal } from './principal.js';

/**
 * The access matrix: every object type and field of the schema against every role and kind of
 * agency, computed from the same policy and the same audience check that the server enforces.
 * The documentation publishes it; a test queries the API as each column and compares.
 */
export interface MatrixColumn {
  readonly key: string;
  readonly label: string;
  readonly caller: Caller;
}

export interface MatrixRow {
  readonly type: string;
  readonly field: string;
  readonly allowed: Readonly<Record<string, boolean>>;
}

/** A principal of the role with the scopes its tokens usually carry. */
function principal(role: Principal['role'], agencyCode = ''): Principal {
  const base = { subject: 'matrix', scopes: new Set(role === 'public' ? [] : DEFAULT_SCOPES[role]), sandbox: true };
  switch (role) {
    case 'public':
      return { role };
    case 'business':
      return { ...base, role, organisationNumber: '000000000' };
    case 'private':
      return { ...base, role, nationalIdentityNumber: '00000000000' };
    case 'officer':
    case 'auditor':
      return { ...base, role, employeeId: 'matrix' };
    case 'agency':
      return { ...base, role, agencyCode };
  }
}

/** An agency kind: a set of capabilities, and the agencies whose agreements give it. */
export interface AgencyKind {
  readonly capabilities: readonly AgencyCapability[];
  readonly agencies: readonly string[];
}

export function matrixColumns(agencyKinds: readonly AgencyKind[]): MatrixColumn[] {
  const none = new Set<AgencyCapability>();
  return [
    { key: 'public', label: 'public (no token)', caller: { principal: principal('public'), capabilities: none } },
    {
      key: 'business',
      label: `business (${DEFAULT_SCOPES.business.join(', ')})`,
      caller: { principal: principal('business'), capabilities: none },
    },
    { key: 'private', label: 'private person', caller: { principal: principal('private'), capabilities: none } },
    {
      key: 'officer',
      label: `officer (${DEFAULT_SCOPES.officer.join(', ')})`,
      caller: { principal: principal('officer'), capabilities: none },
    },
    {
      key: 'auditor',
      label: `auditor (${DEFAULT_SCOPES.auditor.join(', ')})`,
      caller: { principal: principal('auditor'), capabilities: none },
    },
    ...agencyKinds.map((kind) => ({
      key: `agency:${[...kind.capabilities].sort().join('+') || 'none'}`,
      label: `agency: ${kind.capabilities.join(', ') || 'no capability'} (${kind.agencies.join(', ')})`,
      caller: { principal: principal('agency', kind.agencies[0] ?? 'X'), capabilities: new Set(kind.capabilities) },
    })),
  ];
}

export function accessMatrix(
  schema: GraphQLSchema,
  columns: readonly MatrixColumn[],
  policy: AccessPolicy,
): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const types = Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !isIntrospectionType(t))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields()).sort()) {
      const audiences = audiencesFor(policy, type.name, field) ?? [];
      rows.push({
        type: type.name,
        field,
        allowed: Object.fromEntries(columns.map((c) => [c.key, isInAnyAudience(c.caller, audiences)])),
      });
    }
  }
  return rows;
}

/** The matrix as a Markdown table; columns keyed by number, with a legend. */
export function renderMatrixMarkdown(rows: readonly MatrixRow[], columns: readonly MatrixColumn[]): string {
  const legend = columns.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  const header = `| type.field | ${columns.map((_, i) => String(i + 1)).join(' | ')} |`;
  const rule = `|---|${columns.map(() => ':-:').join('|')}|`;
  const body = rows.map(
    (row) => `| ${row.type}.${row.field} | ${columns.map((c) => (row.allowed[c.key] ? '✓' : '·')).join(' | ')} |`,
  );
  return [`Columns:\n\n${legend}\n`, header, rule, ...body, ''].join('\n');
}
