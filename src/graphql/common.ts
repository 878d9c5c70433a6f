import { builder } from './builder.js';

/** An amount with its currency. NOK amounts have two decimals (øre). */
export interface MoneyShape {
  readonly amount: string;
  readonly currency: string;
}

export const MoneyRef = builder.objectRef<MoneyShape>('Money').implement({
  description: 'An exact amount of money in a currency. Amounts are decimals as strings, never floats.',
  fields: (t) => ({
    // Exposed: a plain property, read without a resolver call (see compiled execution).
    amount: t.expose('amount', { type: 'Decimal', description: 'The amount, for example "1234.50".' }),
    currency: t.expose('currency', { type: 'CurrencyCode', description: 'ISO 4217 currency of the amount.' }),
  }),
});

export const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An exact amount of money in a named currency, as an input.',
  fields: (t) => ({
    amount: t.field({ type: 'Decimal', required: true, description: 'The amount, for example "1234.50".' }),
    currency: t.field({ type: 'CurrencyCode', required: true, description: 'ISO 4217 currency of the amount.' }),
  }),
});

builder.queryType({ description: "Reads. Reference data is public; everything else follows the caller's access." });
builder.mutationType({
  description: 'Changes. Each returns a union of its success payload and the errors it can meet, as data.',
});
