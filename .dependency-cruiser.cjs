/**
 * Module boundaries (README "Adding a domain"). `npm run lint` runs this after Biome and fails on
 * any violation. Type-only imports count like any other: a type is part of what a file depends on.
 *
 * The layers:
 * - a domain module is a folder `src/modules/<domain>/`; its public face is `service.ts` (what other
 *   modules may call) and `model.ts` (the types and constants they may use); its GraphQL layer
 *   (`graphql.ts` or `graphql/`) may use another module's GraphQL types, to extend or return them;
 * - the infrastructure (`src/db/`, `src/graphql/`, `src/auth/`, `src/http/`, `src/shared/`) knows no
 *   module, and the composition layer (`src/composition/`) is the one place that imports them all;
 * - seeds (`src/seed/`) load data through the modules' services and models, from outside `db/`.
 */

const MODULE = '^src/modules/([^/]+)/';
const PUBLIC_FACE = '^src/modules/[^/]+/(service|model)[.]ts$';
/** A module's GraphQL layer, or that of a part of it in its own folder (control/penalties/graphql/). */
const GRAPHQL_LAYER = '^src/modules/([^/]+)/(?:graphql|[^/]+/graphql)(?:[.]ts$|/)';
const INFRASTRUCTURE = '^src/(db|graphql|auth|http|shared)/';
const COMPOSITION = '^src/composition/';
/** The schema builder is typed by the request context, which the composition assembles. */
const BUILDER = '^src/graphql/builder[.]ts$';
const COMPOSED_CONTEXT = '^src/composition/context[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-public-face',
      severity: 'error',
      comment:
        'A module uses another module only through its service.ts and model.ts, never its tables, repository, loaders or other files.',
      from: { path: MODULE, pathNot: GRAPHQL_LAYER },
      to: { path: '^src/modules/', pathNot: [`^src/modules/$1/`, PUBLIC_FACE] },
    },
    {
      name: 'module-graphql-public-face',
      severity: 'error',
      comment: "A module's GraphQL layer uses another module through its service.ts, model.ts and GraphQL types only.",
      from: { path: GRAPHQL_LAYER },
      to: { path: '^src/modules/', pathNot: [`^src/modules/$1/`, PUBLIC_FACE, GRAPHQL_LAYER] },
    },
    {
      name: 'domain-below-graphql',
      severity: 'error',
      comment: 'Resolvers route to services; services and repositories never import a GraphQL layer.',
      from: { path: MODULE, pathNot: GRAPHQL_LAYER },
      to: { path: GRAPHQL_LAYER },
    },
    {
      name: 'infrastructure-knows-no-module',
      severity: 'error',
      comment: 'The database client, GraphQL plumbing, auth, HTTP and shared arithmetic import no module.',
      from: { path: INFRASTRUCTURE },
      to: { path: '^src/modules/' },
    },
    {
      name: 'server-through-composition',
      severity: 'error',
      comment:
        'The server and the process around it reach the modules only through the composition layer and the seeds.',
      from: { path: '^src/[^/]+[.]ts$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'infrastructure-below-composition',
      severity: 'error',
      comment:
        'Only the composition layer assembles the modules; the infrastructure never imports it (the builder ' +
        'takes the type of the composed request context, nothing else).',
      from: { path: INFRASTRUCTURE, pathNot: BUILDER },
      to: { path: [COMPOSITION, '^src/seed/'] },
    },
    {
      name: 'builder-takes-only-the-context-type',
      severity: 'error',
      comment:
        'The schema builder imports the composed request context as a type, and nothing else of the composition.',
      from: { path: BUILDER },
      to: { path: COMPOSITION, pathNot: COMPOSED_CONTEXT },
    },
    {
      name: 'builder-context-type-only',
      severity: 'error',
      comment: 'The schema builder imports the composed request context as a type only.',
      from: { path: BUILDER },
      to: { path: COMPOSED_CONTEXT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'modules-below-composition',
      severity: 'error',
      comment:
        'A module never imports the composition layer (the request context type excepted, which resolvers are typed by).',
      from: { path: MODULE },
      to: { path: [COMPOSITION, '^src/seed/'], pathNot: COMPOSED_CONTEXT },
    },
    {
      name: 'modules-context-type-only',
      severity: 'error',
      comment: 'A module may name the composed request context as a type, never import it at run time.',
      from: { path: MODULE },
      to: { path: COMPOSED_CONTEXT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'seeds-use-public-faces',
      severity: 'error',
      comment: 'Seeds load data through services with plain model types, never through tables or GraphQL inputs.',
      from: { path: '^src/seed/' },
      to: { path: '^src/modules/', pathNot: PUBLIC_FACE },
    },
    {
      name: 'seeds-outside-db',
      severity: 'error',
      comment: 'Seed and demo data live in src/seed/, which uses the modules; db/ is infrastructure.',
      from: { path: '^src/db/(seed|demo-)' },
      to: {},
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'No import cycles between files (type-only imports included).',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/.*[.]test[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
