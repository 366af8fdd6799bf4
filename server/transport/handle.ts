// Wraps a socket event handler: validates the payload, runs it, and always answers the ack with Ack<T>.
// Unknown failures become INTERNAL (or UNAVAILABLE while the store is unreachable) with a fixed message; the
// details go to the log, never to the client.
import { type AckFn, BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import { createDrain, type Drain } from "../drain.ts";
import { type LogFields, type Logger, withLogFields } from "../log.ts";
import type { AckDataOf, EventMap, RequestOf, RequestSchemas } from "./requests.ts";

// `schemas`: each event's, which parses exactly the request the event map declares (requests.ts), so a handler
// takes the event's request and answers its ack's data, both typed by the map (shared/protocol/events.ts).
// `failed` counts failures on our side (metrics); a refusal of the request itself is the client's, not counted.
// `drain` (server/drain.ts) counts each request in flight, and turns new ones away while the process stops.
// `fields` names what every log line written while handling the event carries, besides the event itself.
//
// A handler is a plain function, not an arrow: a socket calls its listeners with itself as `this`, which the
// handler passes on to fn. So one handler made per namespace can serve all of its sockets, and a connected
// visitor does not keep a closure per event (memory per idle visitor, test/bench).
export function handlerFor<Events extends EventMap<Events>, Socket = unknown>(
  schemas: RequestSchemas<Events>,
  log: Logger,
  storeAvailable: () => boolean,
  failed: (code: "UNAVAILABLE" | "INTERNAL") => void = () => {},
  drain: Drain = createDrain(),
  fields?: (socket: Socket) => LogFields,
) {
  return function handle<E extends keyof Events & string>(
    event: E,
    fn: (req: RequestOf<Events[E]>, socket: Socket) => Promise<AckDataOf<Events[E]>>,
  ) {
    const schema = schemas[event];
    // The payload and the ack are what the client sent: anything, until checked.
    async function run(socket: Socket, payload: unknown, ack: unknown): Promise<void> {
      // A client that sends no ack callback cannot be answered; drop the request rather than act silently.
      if (typeof ack !== "function") return;
      const reply = ack as AckFn<AckDataOf<Events[E]>>;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
        const message = `Invalid ${event}: ${where}${issue?.message ?? "bad payload"}`;
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        reply({ ok: false, error: { code: ErrorCode.BAD_REQUEST, message, fields } });
        return;
      }
      if (drain.draining) {
        reply({ ok: false, error: { code: ErrorCode.UNAVAILABLE, message: "The server is restarting; retrying." } });
        return;
      }
      // The answer is part of the work in flight: a draining process closes its sockets only once it is sent.
      await drain.track(async () => {
        try {
          // The schema's output is the event's request (checked at compile time, requests.ts).
          reply({ ok: true, data: await fn(parsed.data as RequestOf<Events[E]>, socket) });
        } catch (err) {
          if (err instanceof BanterError) {
            reply({ ok: false, error: err.toWire() });
            return;
          }
          if (!storeAvailable()) {
            failed("UNAVAILABLE");
            reply({
              ok: false,
              error: { code: ErrorCode.UNAVAILABLE, message: "The chat is briefly unavailable; retrying." },
            });
            return;
          }
          failed("INTERNAL");
          log.error("handler failed", { event, err: err instanceof Error ? err.message : String(err) });
          reply({ ok: false, error: { code: ErrorCode.INTERNAL, message: "Something went wrong on our side." } });
        }
      });
    }
    return function (this: Socket, payload: unknown, ack: unknown): Promise<void> {
      if (!fields) return run(this, payload, ack);
      return withLogFields({ ...fields(this), event }, () => run(this, payload, ack));
    };
  };
}

// A handshake refusal that socket.io-client receives as connect_error with `.data = { code, message }`.
export function refusal(
  code: BanterError["code"],
  message: string,
): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(message), { data: { code, message } });
}
