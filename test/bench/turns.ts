// The bot-turn harness that npm run bench's parts share: `clients` loops, each playing visitors one after another
// (connect, join, answer every question of the default playbook, one full bot turn per answer), each sending its
// next answer when the last one's bot reply has arrived.
import type { Message } from "../../shared/protocol/index.ts";
import type { VisitorClient } from "../support/app.ts";

export interface Window {
  warmupMs: number;
  measureMs: number;
}

// Runs `clients` loops of `once` for warmup + measure; counts completions inside the measured window. `marks`
// hears when that window opens and closes (the processes part reads CPU times then).
export async function drive(
  clients: number,
  window: Window,
  once: (client: number) => Promise<void>,
  marks?: { opened(): void; closed(): void },
): Promise<number> {
  const start = performance.now();
  const measureFrom = start + window.warmupMs;
  const stopAt = measureFrom + window.measureMs;
  // Each mark once, and the closing one even when the loops ended before its timer ran.
  let closed = false;
  const close = () => {
    if (!closed) marks?.closed();
    closed = true;
  };
  const timers = marks
    ? [setTimeout(marks.opened, window.warmupMs), setTimeout(close, window.warmupMs + window.measureMs)]
    : [];
  let count = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < stopAt) {
        await once(c);
        const t = performance.now();
        if (t >= measureFrom && t < stopAt) count++;
      }
    }),
  );
  for (const t of timers) clearTimeout(t);
  if (marks) close();
  return count / (window.measureMs / 1000);
}

// The default playbook's questions, answered by buttons: every answer is one bot turn.
export const answers = ["capture", "25k-100k", "decider", "month"] as const;
// A turn not done by then is stuck (a lost connection): the run fails and says so, instead of hanging.
export const stuckMs = 10_000;

// One full bot turn: the visitor's answer -> validated -> engine -> stored -> the bot's reply delivered, and the
// send acknowledged.
export async function turn(socket: VisitorClient, clientId: string, answer: string): Promise<void> {
  // A bot turn's lines come in one messages:created; a turn that takes the long way may send them one by one.
  const botReply = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no bot reply")), stuckMs);
    const done = () => {
      socket.off("message:created", one);
      socket.off("messages:created", several);
      clearTimeout(timer);
      resolve();
    };
    const one = (m: Message) => m.author === "bot" && done();
    const several = (ms: Message[]) => ms.some((m) => m.author === "bot") && done();
    socket.on("message:created", one);
    socket.on("messages:created", several);
  });
  const ack = await socket.timeout(stuckMs).emitWithAck("message:send", { clientId, choice: answer });
  if (!ack.ok) throw new Error(`turn failed: ${ack.error.code} ${ack.error.message}`);
  await botReply;
}

// The sample at quantile q of samples sorted ascending (0 for none).
export const percentile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : 0;

export function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

// One full bot turn per call for client `c`. A new visitor (connect and join) every `answers.length` turns.
export function botTurns(clients: number, newVisitor: () => VisitorClient) {
  const state = Array.from({ length: clients }, () => ({ socket: null as VisitorClient | null, turn: 0 }));
  let n = 0;
  return {
    async once(c: number): Promise<void> {
      const st = state[c] as (typeof state)[number];
      if (!st.socket || st.turn === answers.length) {
        st.socket?.disconnect();
        const fresh = newVisitor();
        st.socket = fresh;
        await new Promise((resolve, reject) => {
          fresh.once("connect", () => resolve(null));
          fresh.once("connect_error", (err) => reject(new Error(`connect failed: ${err.message}`)));
        });
        await fresh.timeout(stuckMs).emitWithAck("conversation:join", { lastSeq: 0 });
        st.turn = 0;
      }
      await turn(st.socket, `b${n++}`, answers[st.turn] as string);
      st.turn++;
    },
    close() {
      for (const st of state) st.socket?.disconnect();
    },
  };
}
