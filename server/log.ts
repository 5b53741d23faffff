/**
 * The server's operational log: one JSON object per line, events on stdout
 * and errors (with their stack) on stderr, for a log collector to parse. Each
 * line has `time`, `level` and `event`; the rest are the event's fields.
 *
 * What never goes in: tokens, request or response bodies, query values. The
 * callers pass ids, counts, route patterns and statuses only; an error is
 * written as its name, message, code and stack, not its other properties
 * (node-postgres puts row values in `detail`). What the leads read and change
 * is recorded in the action log (action-log.ts), not here.
 */

type Fields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  error(event: string, error: unknown, fields?: Fields): void;
}

/** Where lines go: process.stdout and process.stderr, or a test's buffer. */
export interface LogSink {
  write(line: string): unknown;
}

function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** A logger writing JSON lines; with `out` null, only errors are written. */
export function jsonLogger(out: LogSink | null = process.stdout, err: LogSink = process.stderr): Logger {
  const line = (sink: LogSink, level: string, event: string, fields: Fields) =>
    sink.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  return {
    info(event, fields = {}) {
      if (out) line(out, 'info', event, fields);
    },
    error(event, error, fields = {}) {
      line(err, 'error', event, { ...fields, error: describeError(error) });
    },
  };
}

/** What the app logs when given no logger (tests, `npm start`): errors only, on stderr. */
export const errorsOnly: Logger = jsonLogger(null);
