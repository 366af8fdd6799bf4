// The closed set of error codes a client can receive. Messages that reach a client are written here or by the
// code that raises the error, never copied from an exception, so no internals leak.
export const ErrorCode = {
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNKNOWN_SITE: "UNKNOWN_SITE",
  FORBIDDEN_ORIGIN: "FORBIDDEN_ORIGIN",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  NOT_JOINED: "NOT_JOINED",
  CLOSED: "CLOSED",
  INTERNAL: "INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface WireError {
  code: ErrorCode;
  message: string;
  // Itemised problems, e.g. each invalid path of a playbook.
  details?: string[];
}

export class BanterError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BanterError";
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

export type AckFn<T> = (ack: Ack<T>) => void;
