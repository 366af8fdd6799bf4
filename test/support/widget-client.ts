// The widget's own conversation logic (widget/chat/conversation.ts) driven from Node over a real socket.io
// client: what the fault tests reconnect, resend and catch up with, without a browser.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { Conversation } from "../../widget/chat/conversation.ts";
import type { OutboxStore, SavedSend } from "../../widget/chat/outbox-store.ts";
import type { VisitorSocket } from "../../widget/transport/socket.ts";
import { hostOrigin } from "./app.ts";
import { until } from "./processes.ts";

export function widgetClient(url: string, siteKey: string) {
  // Node sends no Origin header of its own; the widget's page would be on the customer's origin.
  const socket: VisitorSocket = io(`${url}/visitor`, {
    auth: { siteKey },
    extraHeaders: { origin: hostOrigin },
    transports: ["websocket"],
    forceNew: true,
  });
  let token: string | undefined;
  let saved: SavedSend[] = [];
  const outbox: OutboxStore = {
    load: () => saved,
    save: (mine) => {
      saved = mine;
    },
  };
  const conversation = new Conversation({
    socket,
    tokens: { get: () => token, set: (t) => (token = t), clear: () => (token = undefined) },
    outbox,
    newClientId: randomUUID,
    pageUrl: () => "http://localhost:5555/pricing",
  });
  return {
    socket,
    conversation,
    state: () => conversation.get(),
    texts: () => conversation.get().messages.map((m) => m.text),
    waitFor: (check: () => boolean, what: string, ms = 20_000) => until(check, ms, what),
    close() {
      conversation.dispose();
    },
  };
}
