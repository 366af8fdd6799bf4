// One JSON line per event on stdout/stderr. Callers pass facts, never secrets or message text.
type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

function write(stream: NodeJS.WriteStream, level: string, msg: string, fields?: Fields) {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

export const consoleLogger: Logger = {
  info: (msg, fields) => write(process.stdout, "info", msg, fields),
  warn: (msg, fields) => write(process.stderr, "warn", msg, fields),
  error: (msg, fields) => write(process.stderr, "error", msg, fields),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
