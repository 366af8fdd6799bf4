// The requests of the protocol's event maps (shared/protocol/events.ts) as the socket handlers take them, and the
// compile-time check that each event's schema (schemas.ts) parses exactly the request its map declares.
import type { z } from "zod";
import type { AckFn } from "../../shared/protocol/index.ts";

// Every client event of our maps: a request and an ack callback.
export type EventMap<Events> = { [E in keyof Events]: (req: never, ack: never) => void };

// An event's request, and the data its ack carries when it succeeds.
export type RequestOf<F extends (req: never, ack: never) => void> = Parameters<F>[0];
export type AckDataOf<F extends (req: never, ack: never) => void> = Parameters<F>[1] extends AckFn<infer T> ? T : never;

// Equal as the compiler compares types (optional fields, extra fields, a changed type all count), after
// flattening intersections at every depth: `ConversationRef & { seq: number }` is `{ conversationId; seq }`.
type Flat<T> = T extends (infer U)[] ? Flat<U>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

export type RequestSchemas<Events> = { [E in keyof Events]: z.ZodType };

// The schemas of an event map: one per event, each parsing exactly the event's request, or the typecheck names
// the event whose schema differs, so a contract change that a schema misses cannot pass unnoticed.
export function requestSchemas<Events extends EventMap<Events>>() {
  return <S extends RequestSchemas<Events>>(
    schemas: S & {
      [E in keyof Events]: Same<z.output<S[E]>, RequestOf<Events[E]>> extends true
        ? unknown
        : "parses another request than shared/protocol/events.ts declares";
    },
  ): S => schemas;
}
