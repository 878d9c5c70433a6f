import { createTokenVerifier } from './auth/tokens.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { openConfiguredDatabase } from './db/open-configured.js';
import { demoTokenMinter } from './dev-tokens.js';
import { exitOnFatalErrors } from './fatal-errors.js';
import { createHttpListener } from './http/listener.js';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from './http/rate-limit.js';
import { gracefulShutdown } from './http/shutdown.js';
import { createLogger, type Logger } from './logger.js';
import { hasNoParties, hasNoReferenceData, seedDemoData, seedReferenceData } from './seed/seed.js';
import { createServer } from './server.js';
import { systemClock } from './shared/clock.js';

/** The only file that listens: reads the configuration, prepares the database, serves, and stops cleanly. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  exitOnFatalErrors(log);
  const database = await openConfiguredDatabase(config, { timeouts: config.database });
  await database.migrate();
  if (config.seedReferenceData && (await hasNoReferenceData(database.db))) {
    log.info('no reference data yet: loading the shipped reference data');
    await seedReferenceData(database.db);
  }
  if (config.seedDemoData && (await hasNoParties(database.db))) {
    log.info('no parties yet: seeding demo data');
    await seedDemoData(database.db, systemClock);
  }

  const rateLimiter = await createRateLimiter(config, log);
  const server = await createServer({
    config,
    database,
    log,
    clock: systemClock,
    verifier: await createTokenVerifier(config),
    demoTokens: config.auth.devKeys ? demoTokenMinter(config) : undefined,
    rateLimiter,
  });
  const httpServer = createHttpListener(server.app, log);
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, database: database.kind }, `Tollgate listens on http://localhost:${port}/graphql`);

  const shutdown = gracefulShutdown({
    httpServer,
    server,
    graceMs: config.shutdownGraceMs,
    log,
    closeResources: async (timeLeftMs) => {
      await rateLimiter?.close();
      await database.close(timeLeftMs);
    },
    exit: (code) => process.exit(code),
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Shared counts in Redis when REDIS_URL is set; per-instance counts otherwise; none at 0 a minute.
 * Redis being down, at start-up or later, lets requests through uncounted (with a warning at most
 * every half minute and a metric) rather than failing them: the counter is not worth an outage.
 */
async function createRateLimiter(config: Config, log: Logger): Promise<RateLimiter | undefined> {
  const limit = config.limits.requestsPerMinute;
  if (limit === 0) return undefined;
  if (!config.redisUrl) return memoryRateLimiter(limit);
  const { Redis } = await import('ioredis');
  let lastWarning = 0;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < 30_000) return;
    lastWarning = Date.now();
    log.warn({ err: error }, 'the rate-limit store (Redis) does not answer: requests pass uncounted');
  };
  const redis = new Redis(config.redisUrl, {
    // Fail fast instead of queueing while disconnected: a request must not wait for Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
  });
  redis.on('error', warn);
  redis.once('ready', () => log.info('rate limits are counted in Redis, shared by every instance'));
  return redisRateLimiter(redis, limit, { onUnavailable: warn });
}

main().catch((error: unknown) => {
  console.error('Tollgate failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
