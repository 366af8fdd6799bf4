// One JSON line per event on stdout/stderr. Callers pass facts, never secrets or message text.
//
// Lines written while handling an HTTP request or a socket event carry that request's ids (requestId, event,
// conversationId, ...) without every caller passing them: the edge that starts the work opens a log context
// (withLogFields), and Node's AsyncLocalStorage follows it through every await.
import { AsyncLocalStorage } from "node:async_hooks";

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const context = new AsyncLocalStorage<LogFields>();

// Runs fn with `fields` added to every log line written by it and by whatever it awaits.
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

// Adds fields to the current context once they are known (a join learns its conversation id halfway).
export function addLogFields(fields: LogFields): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

// The logger with the current context's fields added to every line (the app wraps whichever logger it is given).
export function withContext(log: Logger): Logger {
  const add = (fields?: LogFields) => ({ ...context.getStore(), ...fields });
  return {
    info: (msg, fields) => log.info(msg, add(fields)),
    warn: (msg, fields) => log.warn(msg, add(fields)),
    error: (msg, fields) => log.error(msg, add(fields)),
  };
}

function write(stream: NodeJS.WriteStream, level: string, msg: string, fields?: LogFields) {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

export const consoleLogger: Logger = {
  info: (msg, fields) => write(process.stdout, "info", msg, fields),
  warn: (msg, fields) => write(process.stderr, "warn", msg, fields),
  error: (msg, fields) => write(process.stderr, "error", msg, fields),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

// The logger with the same fields on every line: a cluster worker's lines say which worker wrote them.
export function withFields(log: Logger, fixed: LogFields): Logger {
  return {
    info: (msg, fields) => log.info(msg, { ...fixed, ...fields }),
    warn: (msg, fields) => log.warn(msg, { ...fixed, ...fields }),
    error: (msg, fields) => log.error(msg, { ...fixed, ...fields }),
  };
}
