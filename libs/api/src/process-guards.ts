import { Logger } from '@nestjs/common';

/**
 * A promise nobody awaited that rejects must not take the process down: in
 * `npm run provinces` one node's failed background work would stop all 63.
 * It is logged, with its stack, as the defect it is. Errors thrown synchronously
 * (uncaughtException) keep Node's default: the process state is unknown, so it
 * exits and its supervisor restarts it.
 */
export function guardProcess(log: Pick<Logger, 'error'> = new Logger('Process')): void {
  process.on('unhandledRejection', (reason) => {
    log.error(
      `unhandled rejection (the process carries on): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  });
}
