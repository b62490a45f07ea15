// The error kinds ACK's runtime distinguishes (aws-controllers-k8s/runtime pkg/errors and pkg/requeue).
import { isCallError } from '../aws/client.js';

/** A problem retrying cannot fix (bad spec, unsupported operation): ACK.Terminal=True, no requeue until the spec changes. */
export class TerminalError extends Error {
  override name = 'TerminalError';
}

/** The backend resource does not exist (ReadOne's NotFound). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(message = 'resource not found') {
    super(message);
  }
}

/**
 * "Come back after `delayMs`" (ACK's RequeueNeededAfter). `cause`, when set, is what the condition shows, e.g.
 * `table in 'CREATING' state, cannot be modified or deleted`. Without a cause the reconcile is not an error.
 */
export class RequeueAfter extends Error {
  override name = 'RequeueAfter';
  constructor(
    readonly delayMs: number,
    readonly reason?: string,
  ) {
    super(reason ?? `requeue needed after ${delayMs}ms`);
  }
}

/** DynamoDB codes ACK treats as terminal (pkg/resource/table terminal_errors + generator config). */
const TERMINAL_CODES = new Set([
  'ValidationException',
  'InvalidParameter',
  'InvalidParameterValue',
  'InvalidParameterCombination',
]);

export const isTerminal = (error: unknown): boolean =>
  error instanceof TerminalError || (isCallError(error) && TERMINAL_CODES.has(error.code));

/** The text the Go SDK puts in error strings (`api error <Code>: <message>`), which is what ACK shows. */
export function describeError(error: unknown): string {
  if (isCallError(error)) return `api error ${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
