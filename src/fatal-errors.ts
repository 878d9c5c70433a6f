import type { Logger } from './logger.js';

/**
 * What an error nobody caught does: the process logs it as fatal and exits with 1, for its
 * supervisor (systemd, Kubernetes, the container runtime) to start a fresh one. An uncaught
 * exception or unhandled rejection means code ran into a state nobody planned for, possibly with
 * a transaction half done or a connection in an unknown state; carrying on would serve from that
 * state. The failures we expect (the database going away, timeouts, clients leaving) are all
 * handled where they happen and never reach here; the one known driver bug that did is patched
 * (patches/postgres+3.4.9.patch).
 */
export function exitOnFatalErrors(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  const fatal = (kind: string) => (error: unknown) => {
    try {
      log.fatal({ err: error, kind }, `${kind}: exiting so that the supervisor restarts the server`);
    } finally {
      exit(1);
    }
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
}
