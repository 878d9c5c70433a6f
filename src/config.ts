import path from 'node:path';

/**
 * Every environment variable the server reads, validated once at start-up. A bad value stops
 * the process with a message that names the variable, instead of failing later in a request.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly environment: 'development' | 'test' | 'production';
  readonly logLevel: string;
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    /** A JWKS file or URL with the keys that may sign tokens; when absent, development keys in `dataDir`. */
    readonly jwks: string | undefined;
    readonly devKeys: boolean;
    /** Longest a token may be valid (`exp` - `iat`); longer-lived tokens are refused. */
    readonly maxTokenLifetimeSeconds: number;
  };
  /** Load the shipped reference data (countries, currencies, tariff sample ...) into an empty database at start-up. */
  readonly seedReferenceData: boolean;
  /** Seed demo businesses and declarations into an empty database at start-up. */
  readonly seedDemoData: boolean;
  /** How long in-flight requests get to finish after SIGTERM. */
  readonly shutdownGraceMs: number;
  /** Most a GraphQL request may take before it is answered TIMEOUT and its transaction rolled back. */
  readonly requestTimeoutMs: number;
  readonly database: DatabaseTimeouts;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    /** Tokens a document may hold; the parser stops there. */
    readonly maxTokens: number;
    readonly maxDirectives: number;
    readonly maxCost: number;
    /** Bytes a response body may hold; a larger one is replaced by RESPONSE_TOO_LARGE. */
    readonly maxResponseBytes: number;
    readonly requestsPerMinute: number;
  };
  readonly redisUrl: string | undefined;
  /** Express's "trust proxy": which proxies may report the client's address. */
  readonly trustProxy: boolean | number | string;
  /** Report the SQL statements a request cost in `extensions.sqlStatements` (development aid). */
  readonly reportSqlStatements: boolean;
  /** Who gets the playground's demo tokens when development tokens are on. */
  readonly playgroundTokens: PlaygroundTokens;
}

/**
 * Who may take the playground's demo tokens (`PLAYGROUND_TOKENS`). They are real tokens for the
 * development key, officer and auditor included, and the server listens on every interface: by
 * default only a browser on the same machine gets them.
 * - `loopback`: clients connected over loopback, and not forwarded by a proxy from elsewhere;
 * - `any`: everyone who can reach the server (a shared sandbox, on purpose);
 * - `off`: no one; the playground asks for an Authorization header instead.
 */
export type PlaygroundTokens = 'loopback' | 'any' | 'off';

export const PLAYGROUND_TOKEN_MODES: readonly PlaygroundTokens[] = ['loopback', 'any', 'off'];

/** Time limits every PostgreSQL connection of the server gets (0 turns one off). */
export interface DatabaseTimeouts {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Which proxies may tell the client's address in X-Forwarded-For (Express's "trust proxy"): a
 * number of hops, a comma-separated list of addresses or subnets, or true/false. By default only
 * a proxy on the same host, so that a client cannot choose its own address for the rate limit.
 */
function trustProxy(value: string | undefined): boolean | number | string {
  if (!value) return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function loadConfig(env: Env = process.env): Config {
  const environment = (env.NODE_ENV ?? 'development') as Config['environment'];
  if (!['development', 'test', 'production'].includes(environment)) {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${env.NODE_ENV}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const jwks = env.JWKS_URL || env.JWKS_FILE || undefined;
  const devKeys = flag(env, 'DEV_TOKENS', environment !== 'production' && !jwks);
  if (environment === 'production' && devKeys) {
    throw new ConfigError('DEV_TOKENS cannot be enabled in production');
  }
  if (!jwks && !devKeys) {
    throw new ConfigError(
      'Set JWKS_URL or JWKS_FILE to the keys that sign tokens (or DEV_TOKENS=true outside production)',
    );
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './.data'),
    environment,
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    auth: {
      issuer: env.JWT_ISSUER || 'https://auth.tollgate.example/dev',
      audience: env.JWT_AUDIENCE || 'tollgate-api',
      jwks,
      devKeys,
      maxTokenLifetimeSeconds: integer(env, 'TOKEN_MAX_LIFETIME_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
    },
    seedReferenceData: flag(env, 'SEED_REFERENCE_DATA', environment !== 'production'),
    seedDemoData: flag(env, 'SEED_DEMO_DATA', !databaseUrl && environment !== 'production'),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    database: {
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 5_000, 0, 3_600_000),
      lockTimeoutMs: integer(env, 'DB_LOCK_TIMEOUT_MS', 2_000, 0, 3_600_000),
      idleInTransactionTimeoutMs: integer(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 0, 3_600_000),
      connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 2_000, 100, 60_000),
    },
    limits: {
      maxDepth: integer(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
      maxAliases: integer(env, 'MAX_QUERY_ALIASES', 30, 1, 1000),
      maxTokens: integer(env, 'MAX_QUERY_TOKENS', 5000, 100, 1_000_000),
      maxDirectives: integer(env, 'MAX_QUERY_DIRECTIVES', 50, 1, 10_000),
      maxCost: integer(env, 'MAX_QUERY_COST', 25_000, 1),
      maxResponseBytes: integer(env, 'MAX_RESPONSE_BYTES', 16 * 1024 * 1024, 1024),
      requestsPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0),
    },
    redisUrl: env.REDIS_URL || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    reportSqlStatements: flag(env, 'REPORT_SQL_STATEMENTS', environment !== 'production'),
    playgroundTokens: oneOf(env, 'PLAYGROUND_TOKENS', PLAYGROUND_TOKEN_MODES, 'loopback'),
  };
}
