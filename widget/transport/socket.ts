// The only module that imports socket.io-client: typed sockets for both namespaces, and `request`, which turns an
// acknowledged emit into a promise of the data or a thrown BanterError.
import { io, type Socket } from "socket.io-client";
import {
  type Ack,
  type AckFn,
  ackTimeoutMs,
  BanterError,
  ErrorCode,
  type Message,
  Namespaces,
  type RepClientEvents,
  type RepServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from "../../shared/protocol/index.ts";

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type RepSocket = Socket<RepServerEvents, RepClientEvents>;

// Every stored line the server announces to a conversation's room, for the chat and the console alike: one line
// (message:created: a rep's, a notice) or a bot turn's several (messages:created: the visitor's line and the bot's
// answer, in one packet), handed on as a list in seq order.
export function onMessages(socket: VisitorSocket | RepSocket, take: (messages: Message[]) => void): void {
  // Both namespaces declare the two events alike.
  const s = socket as VisitorSocket;
  s.on("message:created", (m) => take([m]));
  s.on("messages:created", take);
}

// Websocket first; where it fails to open (a proxy that refuses upgrades), HTTP long-polling in the same attempt.
// Without tryAllTransports socket.io-client only ever tries the first transport listed, and retries it forever.
// (A proxy that lets the upgrade hang instead is only caught by the connect timeout, and each retry starts with
// the websocket again.) A function: socket.io-client writes into the options it is given.
const transports = () => ({ transports: ["websocket", "polling"], tryAllTransports: true });

export function connectVisitor(server: string, siteKey: string): VisitorSocket {
  return io(server + Namespaces.visitor, { auth: { siteKey }, ...transports() });
}

// The console is served by the same server: the session cookie goes along with the handshake.
export function connectRep(server: string): RepSocket {
  return io(server + Namespaces.rep, transports());
}

// The request payload and ack data of an event whose last parameter is an ack callback.
type Req<F> = F extends (req: infer R, ack: never) => void ? R : never;
type Res<F> = F extends (req: never, ack: AckFn<infer D>) => void ? D : never;

export async function request<E extends VisitorClientEvents | RepClientEvents, K extends keyof E & string>(
  socket: Socket<VisitorServerEvents | RepServerEvents, E>,
  event: K,
  req: Req<E[K]>,
): Promise<Res<E[K]>> {
  let ack: Ack<Res<E[K]>>;
  try {
    // socket.io's own typing of emitWithAck cannot follow a generic event name, hence the casts.
    const emitter = socket.timeout(ackTimeoutMs) as unknown as { emitWithAck(e: string, r: unknown): Promise<unknown> };
    ack = (await emitter.emitWithAck(event, req)) as Ack<Res<E[K]>>;
  } catch {
    // No answer in time: the server (or the way to it) is unavailable for now, which is worth retrying.
    throw new BanterError(ErrorCode.UNAVAILABLE, "The server did not answer in time.");
  }
  if (!ack.ok) throw new BanterError(ack.error.code, ack.error.message, ack.error.retryAfterMs);
  return ack.data;
}

// The handshake refusal (unknown site, forbidden origin, bad token) carried by a connect_error.
export function connectErrorOf(err: Error & { data?: unknown }): BanterError {
  const data = err.data as { code?: string; message?: string } | undefined;
  if (data?.code && Object.values(ErrorCode).includes(data.code as ErrorCode)) {
    return new BanterError(data.code as ErrorCode, data.message ?? err.message);
  }
  return new BanterError(ErrorCode.INTERNAL, "Cannot reach the chat server.");
}
