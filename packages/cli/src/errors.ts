// The CLI's two kinds of expected failure, each printed as one line (`ack-local: <message>`) without a stack
// trace: a bad command line (exit 2) and a start-up that cannot go ahead (exit 1). Anything else is a bug and
// keeps its stack trace.

/** The command line is wrong: what, and how to find the right one. */
export class ConfigError extends Error {}

/** Start-up cannot go ahead (port taken, data dir not writable or in use, ...): what, where, what to do. */
export class StartupError extends Error {}
