// What the log says when a request fails inside ack-local. The client gets DynamoDB's answer to an internal failure
// (500 InternalServerError, "Internal server error"); the operator needs the real cause, in words, at once. A full
// disk is the common one: LMDB reports it as errno 28 ("No space left on device") from the commit, and every write
// fails the same way until space is freed, so the line says so and where.

const NO_SPACE = 28; // ENOSPC
const IO_ERROR = 5; // EIO

interface FailureLog {
  error(object: object, message: string): void;
}

/** Logs one failure: a plain line for the causes an operator can act on, the error itself with its stack. */
export function logInternalFailure(log: FailureLog, error: unknown, dataDir: string): void {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === NO_SPACE || code === 'ENOSPC' || /No space left on device/i.test(message)) {
    log.error(
      { err: error, cause: 'ENOSPC', dataDir },
      `DynamoDB: the disk holding ${dataDir} is full (ENOSPC); writes answer InternalServerError until space is freed`,
    );
    return;
  }
  if (code === IO_ERROR || code === 'EIO') {
    log.error({ err: error, cause: 'EIO', dataDir }, `DynamoDB: input/output error (EIO) on ${dataDir}`);
    return;
  }
  log.error({ err: error }, `DynamoDB: internal error: ${message}`);
}
