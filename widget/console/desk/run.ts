// One request on the /rep socket, and what every action shares: which socket is current, and how a failure reads.
import type { Dispatch } from "preact/hooks";
import { BanterError } from "../../../shared/protocol/index.ts";
import type { Outbox } from "../../transport/outbox.ts";
import type { ReadReporter } from "../../transport/read-marks.ts";
import type { RepSocket } from "../../transport/socket.ts";
import type { Action } from "./console-state.ts";
import type { OutboxEntry } from "./outbox.ts";

export type Ref<T> = { current: T };

// What delivers messages and read marks over the current socket (see use-rep-socket.ts).
export interface Link {
  socket: RepSocket;
  sender: Outbox<OutboxEntry>;
  reads: ReadReporter;
}

export function codeOf(err: unknown): string | undefined {
  return err instanceof BanterError ? err.code : undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong.";
}

export type Run = (
  work: (socket: RepSocket) => Promise<Action | undefined>,
  onError?: (err: unknown) => Action,
) => Promise<Action | undefined>;

// Runs one request on the current socket. A reply that arrives after logout (or for an older socket) must not
// touch the state.
export function runner(linkRef: Ref<Link | undefined>, dispatch: Dispatch<Action>): Run {
  return async (work, onError) => {
    const socket = linkRef.current?.socket;
    if (!socket) return undefined;
    let action: Action | undefined;
    try {
      action = await work(socket);
    } catch (err) {
      action = onError ? onError(err) : { type: "alert", text: messageOf(err) };
    }
    if (!action || linkRef.current?.socket !== socket) return undefined;
    dispatch(action);
    return action;
  };
}
