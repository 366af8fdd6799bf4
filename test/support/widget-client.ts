// The widget's own conversation logic (widget/chat/conversation.ts) driven from Node over a real socket.io
// client: what the fault tests reconnect, resend and catch up with, without a browser.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { Conversation } from "../../widget/chat/conversation.ts";
import type { SavedSend } from "../../widget/chat/outbox-store.ts";
import type { OutboxStore } from "../../widget/transport/outbox-store.ts";
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
  const outbox: OutboxStore<SavedSend> = {
    load: () => saved,
    put: (item) => {
      saved = [...saved.filter((s) => s.clientId !== item.clientId), item];
    },
    drop: (ids) => {
      saved = saved.filter((s) => !ids.has(s.clientId));
    },
  };
  const conversation = new Conversation({
    socket,
    tokens: { get: () => token, set: (t) => (token = t), clear: () => (token = undefined) },
    outbox,
    newClientId: randomUUID,
    pageUrl: () => "http://localhost:5555/pricing",
  });
  const texts = () => conversation.get().messages.map((m) => m.text);
  const waitFor = (check: () => boolean, what: string, ms = 20_000) => until(check, ms, what);
  return {
    socket,
    conversation,
    state: () => conversation.get(),
    texts,
    waitFor,
    // Answers the default playbook like a buyer, by buttons, then gives the email: the lead is hot.
    async qualify(email = "ana@acme.io"): Promise<void> {
      await waitFor(() => texts().includes("What brings you here today?"), "the first question");
      const steps: [string, string, string][] = [
        ["capture", "Capture more leads from our website", "What budget"],
        ["over-100k", "Over $100k", "Who makes the buying decision?"],
        ["decider", "I do", "When do you need this in place?"],
        ["month", "This month", "What's the best email to reach you?"],
      ];
      for (const [value, label, next] of steps) {
        conversation.choose(value, label);
        await waitFor(() => texts().some((t) => t.startsWith(next)), next);
      }
      conversation.sendText(email);
    },
    close() {
      conversation.dispose();
    },
  };
}
