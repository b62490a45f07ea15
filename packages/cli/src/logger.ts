// One pino logger for the whole process; each component logs through a child with its name.
// Pretty output is the default for people at a terminal; --log-format json for machines.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from './config.js';

export type { Logger };

export function createLogger(format: LogFormat, level: string): Logger {
  // process.stdout rather than pino's default sonic-boom destination: writes to pipes and files are synchronous
  // on Linux either way, and sonic-boom's fd writer hangs under tsx's loader thread (tests run the CLI that way).
  if (format === 'json') return pino({ level }, process.stdout);
  const stream = pretty({
    colorize: process.stdout.isTTY ?? false,
    sync: true, // keep lines in order with our own console output and flush before exit
    translateTime: 'HH:MM:ss.l',
    ignore: 'pid,hostname,component,reqId',
    messageFormat: '{if component}[{component}] {end}{msg}',
  });
  return pino({ level }, stream);
}
