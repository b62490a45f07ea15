// One pino logger for the whole process; each component logs through a child with its name.
// Pretty output is the default for people at a terminal; --log-format json for machines.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from './config.js';

export type { Logger };

export function createLogger(format: LogFormat, level: string): Logger {
  if (format === 'json') return pino({ level });
  const stream = pretty({
    colorize: process.stdout.isTTY ?? false,
    sync: true, // keep lines in order with our own console output and flush before exit
    translateTime: 'HH:MM:ss.l',
    ignore: 'pid,hostname,component,reqId',
    messageFormat: '{if component}[{component}] {end}{msg}',
  });
  return pino({ level }, stream);
}
