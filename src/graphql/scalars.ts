import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { isIsoDate } from '../shared/clock.js';
import { Decimal, parseDecimalText } from '../shared/decimal.js';
import { isValidOrganisationNumber } from '../shared/identifiers.js';
import { builder } from './builder.js';

function invalid(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason: code } });
}

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw invalid(`${scalar} must be a string`, 'INVALID_SCALAR');
  return ast.value;
}

function stringValue(value: unknown, scalar: string): string {
  if (typeof value !== 'string') throw invalid(`${scalar} must be a string`, 'INVALID_SCALAR');
  return value;
}

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD, at the authority (Europe/Oslo).',
  serialize: (value) => value,
  parseValue: (value) => parseDate(stringValue(value, 'Date')),
  parseLiteral: (ast) => parseDate(stringLiteral(ast, 'Date')),
});

function parseDate(text: string): string {
  if (!isIsoDate(text)) throw invalid(`"${text}" is not a date in YYYY-MM-DD form`, 'INVALID_DATE');
  return text;
}

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 form with a UTC offset, for example 2026-11-26T09:30:00.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => parseDateTime(stringValue(value, 'DateTime')),
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime')),
});

function parseDateTime(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalid(`"${text}" is not an ISO 8601 date-time with an offset`, 'INVALID_DATE_TIME');
  }
  return date;
}

builder.scalarType('Decimal', {
  description:
    'An exact decimal number as a string, with a dot and no exponent ("1234.50"). Amounts, rates and ' +
    'quantities are never floats. Whole numbers may also be sent as JSON integers.',
  serialize: (value) => (typeof value === 'string' ? value : value.toFixed()),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseDecimal(ast.value);
    throw invalid('Decimal must be a string such as "12.50"', 'INVALID_DECIMAL');
  },
});

function parseDecimal(value: unknown): Decimal {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return new Decimal(value);
  if (typeof value === 'number') {
    throw invalid('Send decimals as strings ("12.50"): a JSON number with a fraction is not exact', 'INVALID_DECIMAL');
  }
  const parsed = typeof value === 'string' ? parseDecimalText(value) : null;
  if (!parsed) throw invalid(`"${String(value)}" is not a decimal such as "12.50"`, 'INVALID_DECIMAL');
  return parsed;
}

function codeScalar(
  name: 'CommodityCode' | 'CountryCode' | 'CurrencyCode',
  description: string,
  normalise: (text: string) => string | null,
) {
  builder.scalarType(name, {
    description,
    serialize: (value) => value,
    parseValue: (value) => parseCode(name, stringValue(value, name), normalise),
    parseLiteral: (ast) => parseCode(name, stringLiteral(ast, name), normalise),
  });
}

function parseCode(name: string, text: string, normalise: (text: string) => string | null): string {
  const code = normalise(text);
  if (code === null) throw invalid(`"${text}" is not a well-formed ${name}`, `INVALID_${name.toUpperCase()}`);
  return code;
}

/** 8 digits; the dotted display form 0406.9099 is accepted on input. */
export function normaliseCommodityCode(text: string): string | null {
  const digits = text.trim().replace('.', '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

codeScalar(
  'CommodityCode',
  'An 8-digit commodity code of the customs tariff (HS 6 digits + 2 national digits), returned as 8 digits; ' +
    'input also accepts the dotted display form "0406.9099".',
  normaliseCommodityCode,
);
codeScalar('CountryCode', 'An ISO 3166-1 alpha-2 country code, for example NO or DE.', (text) =>
  /^[A-Za-z]{2}$/.test(text.trim()) ? text.trim().toUpperCase() : null,
);
codeScalar('CurrencyCode', 'An ISO 4217 currency code, for example NOK or EUR.', (text) =>
  /^[A-Za-z]{3}$/.test(text.trim()) ? text.trim().toUpperCase() : null,
);

builder.scalarType('OrganisationNumber', {
  description: 'A Norwegian organisation number: 9 digits whose last is a MOD11 check digit over the first eight.',
  serialize: (value) => value,
  parseValue: (value) => parseOrganisationNumber(stringValue(value, 'OrganisationNumber')),
  parseLiteral: (ast) => parseOrganisationNumber(stringLiteral(ast, 'OrganisationNumber')),
});

function parseOrganisationNumber(text: string): string {
  const digits = text.replace(/\s/g, '');
  if (!isValidOrganisationNumber(digits)) {
    throw invalid(`"${text}" is not an organisation number with a valid check digit`, 'INVALID_ORGANISATION_NUMBER');
  }
  return digits;
}
