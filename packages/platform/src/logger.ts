import { pino } from 'pino';

export type Logger = pino.Logger;

/** One structured JSON logger per process; `LOG_LEVEL` tunes it, `name` says which process wrote the line. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
