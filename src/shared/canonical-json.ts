/**
 * Canonical JSON, the form hashed by the audit chains: object keys sorted by UTF-16 code units
 * (JavaScript's default order, the same as PostgreSQL's "C" collation for ASCII keys), no
 * whitespace, undefined object members left out, bigints as decimal strings, values with a
 * `toJSON` (dates, decimals) as what it returns. Numbers and strings as JSON.stringify writes them.
 * Parsing the result and writing it again gives the same text, which is what lets a verifier
 * rebuild it from the stored columns (jsonb keeps every value JSON can carry).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') return JSON.stringify(value);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const members = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}
