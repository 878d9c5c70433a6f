import type autocannon from 'autocannon';
import { api, compare, type Target } from './run.js';

/**
 * The public tariff search on the published tariff (7,436 codes and the development ones), through
 * the API as served: words of the description (the trigram index) and code prefixes, each workload
 * cycling through searches of different selectivity, from a word in a few codes to one in hundreds.
 */
const SEARCH = `query($search: String, $prefix: String) { commodities(search: $search, prefix: $prefix, first: 20) {
  edges { node { code description heading { code description } } } pageInfo { hasNextPage endCursor } } }`;

const WORDS = ['cheese', 'fresh chilled', 'motor vehicles', 'of cotton', 'other', 'steel tubes', 'live horses', 'wood'];
const PREFIXES = ['0406', '85', '8703', '0', '6201', '2208', '9701', '72'];

/** One connection: the latency one person searching sees, which the p99 target is about. */
function cycling(target: Target, variables: object[]): autocannon.Options {
  const base = api(target, SEARCH);
  return {
    ...base,
    connections: 1,
    requests: variables.map((v) => ({ method: 'POST', body: JSON.stringify({ query: SEARCH, variables: v }) })),
  };
}

export async function benchTariffSearch(target: Target) {
  const [words] = await compare(
    '(h) tariff search by words',
    cycling(
      target,
      WORDS.map((search) => ({ search })),
    ),
  );
  const [prefixes] = await compare(
    '(h) tariff search by code prefix',
    cycling(
      target,
      PREFIXES.map((prefix) => ({ prefix })),
    ),
  );
  return [
    {
      ...(words as NonNullable<typeof words>),
      name: '(h) tariff search by words, 7,436 published codes, 1 connection',
    },
    {
      ...(prefixes as NonNullable<typeof prefixes>),
      name: '(h) tariff search by code prefix, 7,436 published codes, 1 connection',
    },
  ];
}
