// The closed set of error codes a client can receive. Messages that reach a client are written here or by the
// code that raises the error, never copied from an exception, so no internals leak.
import { internalRetries } from "./limits.ts";

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
  // Too many messages or connections; `retryAfterMs` says when to try again.
  RATE_LIMITED: "RATE_LIMITED",
  // The store is unreachable for a moment; the same request may succeed when retried.
  UNAVAILABLE: "UNAVAILABLE",
  INTERNAL: "INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface WireError {
  code: ErrorCode;
  message: string;
  // Itemised problems, e.g. each invalid path of a playbook.
  details?: string[];
  // The same problems by field, for forms to show next to the field: path as in "questions.2.options".
  fields?: FieldError[];
  retryAfterMs?: number;
}

export interface FieldError {
  path: string;
  message: string;
}

export class BanterError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "BanterError";
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) wire.retryAfterMs = this.retryAfterMs;
    return wire;
  }
}

// Errors worth retrying as they are: the same request can succeed later.
export function isTransient(code: ErrorCode): boolean {
  return code === ErrorCode.RATE_LIMITED || code === ErrorCode.UNAVAILABLE || code === ErrorCode.INTERNAL;
}

// Whether a client should retry by itself after `tries` failures: the rate limit and an unreachable server
// always (they pass), an internal error a few times only (it may be a bug that repeats: then the person decides).
export function shouldRetry(code: ErrorCode, tries: number): boolean {
  return code === ErrorCode.INTERNAL ? tries < internalRetries : isTransient(code);
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

export type AckFn<T> = (ack: Ack<T>) => void;
