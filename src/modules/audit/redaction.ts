/**
 * What of a mutation's arguments the trail keeps: everything but secrets and national identity
 * numbers, which become REDACTED. A member is redacted by its name (tokens, passwords, secrets,
 * national identity numbers), and any string of eleven digits wherever it stands (the form of a
 * Norwegian national identity or D number). Texts lose what jsonb cannot hold (NUL, lone surrogates).
 */
export const REDACTED = 'REDACTED';

const SECRET_MEMBER = /password|secret|token|nationalidentitynumber|^pid$/i;
const ELEVEN_DIGITS = /^\d{11}$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function redactInput(value: unknown): unknown {
  if (typeof value === 'string') {
    return ELEVEN_DIGITS.test(value)
      ? REDACTED
      : value.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
  }
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return redactInput(withJson.toJSON());
  if (Array.isArray(value)) return value.map(redactInput);
  const kept: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    kept[key] = SECRET_MEMBER.test(key) && member !== null && member !== undefined ? REDACTED : redactInput(member);
  }
  return kept;
}
