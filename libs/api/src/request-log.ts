import { LoggerService, LogLevel } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const requests = new AsyncLocalStorage<{ requestId: string }>();

/** A caller's own id is kept if it is a plain token; otherwise the app makes one. */
const CALLER_ID = /^[\w.-]{1,64}$/;

/**
 * Gives every HTTP request an id (X-Request-Id, echoed back), carried through
 * everything the request does, so each log line can name the request it belongs to.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', requestId);
  requests.run({ requestId }, next);
}

export function currentRequestId(): string | undefined {
  return requests.getStore()?.requestId;
}

/** Anything shaped like a JWT is replaced: a token never reaches a log. */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

export function redactTokens(text: string): string {
  return text.replace(JWT, '[token]');
}

/**
 * One JSON object a line (time, level, context, request id, message), for the log
 * pipeline of a production service; tokens are redacted.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
    private readonly levels: LogLevel[] = ['log', 'warn', 'error'],
  ) {}

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.levels.includes(level)) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const text = message instanceof Error ? (message.stack ?? message.message) : String(message);
    const line = {
      time: new Date().toISOString(),
      level,
      context,
      requestId: currentRequestId(),
      message: redactTokens(text),
    };
    this.write(`${JSON.stringify(line)}\n`);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
}
