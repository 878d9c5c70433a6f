/**
 * Canonical JSON, the form hashed by the audit chains: object keys sorted by UTF-16 code units
 * (JavaScript's default order, the same as PostgreSQL's "C" collation for ASCII keys), no
 * whitespace, undefined object members left out, bigints as decimal strings, values with a
 * `toJSON` (dates, decimals) as what it returns. Numbers and strings as JSON.stringify writes them.
 * Parsing the result and writing it again gives the same text, which is what lets a verifier
 * rebuild it from the stored columns (jsonb keeps every value JSON can carry). Written as plain
 * loops: a verifier runs it over every row of a chain of millions.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalJson(value[i] ?? null);
    return `${text}]`;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${text}}`;
}
