// A client process of the many-visitors benchmark (test/bench/many-visitors.ts): `count` visitors of one site,
// each its own websocket, as widgets on many host pages would be. Apart from the server's process, so the two do
// not share a file-descriptor limit or an event loop. Driven by lines on stdin:
//   connect <inFlight>  connects and joins every visitor, at most inFlight handshakes at a time; prints `joined`
//   chat <rate> <ms>    sends bot-turn answers at a steady `rate` per second for `ms`, each from the next visitor
//                       in turn; prints `turns <json>`: the milliseconds from each send to the bot's reply
// Exits when stdin closes, hanging up every visitor first. Prints `error <message>` and exits on a failure.
import { createInterface } from "node:readline";
import { io as connect } from "socket.io-client";
// Types only: the app's module would load the whole server into every client process.
import type { VisitorClient } from "../support/app.ts";
import { answers, turn as oneTurn, stuckMs } from "./turns.ts";

const [url, siteKey, countArg] = process.argv.slice(2);
const count = Number(countArg);
// A host page's origin that the demo site allows (as test/support/app.ts's hostOrigin).
const origin = "http://localhost:5555";
// A turn that has no reply by then is counted as lost.
const turnTimeoutMs = stuckMs;

interface Visitor {
  socket: VisitorClient;
  token: string;
  answered: number;
  busy: boolean;
}
const visitors: Visitor[] = [];

function fail(err: unknown): never {
  console.log(`error ${err instanceof Error ? err.message : String(err)}`);
  for (const v of visitors) v.socket.disconnect();
  process.exit(1);
}

async function join(v: Visitor, startNew: boolean): Promise<void> {
  const ack = await v.socket.timeout(turnTimeoutMs).emitWithAck("conversation:join", {
    lastSeq: 0,
    ...(v.token ? { visitorToken: v.token, startNew } : {}),
  });
  if (!ack.ok) throw new Error(`join refused: ${ack.error.code} ${ack.error.message}`);
  v.token = ack.data.visitorToken;
  v.answered = 0;
}

async function connectOne(): Promise<void> {
  const socket: VisitorClient = connect(`${url}/visitor`, {
    auth: { siteKey },
    extraHeaders: { origin },
    transports: ["websocket"],
    // A server gone means the benchmark failed: no retries piling onto a dying process.
    reconnection: false,
    forceNew: true,
  });
  const v: Visitor = { socket, token: "", answered: 0, busy: false };
  visitors.push(v);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") fail(`a visitor was disconnected: ${reason}`);
  });
  await join(v, false);
}

async function connectAll(inFlight: number): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await connectOne();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

// One answer and the bot's reply to it. A visitor who has answered every question closes the conversation and
// starts a new one (only when there are fewer visitors than turns), ready for its next turn.
async function turn(v: Visitor, id: string): Promise<number> {
  const { socket } = v;
  const sent = performance.now();
  await oneTurn(socket, id, answers[v.answered] as string);
  const ms = performance.now() - sent;
  v.answered++;
  if (v.answered === answers.length) {
    const closed = await socket.timeout(turnTimeoutMs).emitWithAck("conversation:close", {});
    if (!closed.ok) throw new Error(`close refused: ${closed.error.code}`);
    await join(v, true);
  }
  return ms;
}

// Open loop: turns go out on schedule whether or not earlier ones were answered, as independent visitors'
// would; a visitor still in its last turn is passed over for the next one.
async function chat(rate: number, ms: number): Promise<{ samples: number[]; lost: number }> {
  const samples: number[] = [];
  const pending: Promise<void>[] = [];
  let lost = 0;
  let sent = 0;
  let next = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.floor((Math.min(elapsed, ms) / 1000) * rate);
      for (; sent < due; sent++) {
        let tries = 0;
        while ((visitors[next % count] as Visitor).busy && tries++ < count) next++;
        const v = visitors[next++ % count] as Visitor;
        if (v.busy) {
          lost++;
          continue;
        }
        v.busy = true;
        pending.push(
          turn(v, `t${process.pid}-${sent}`)
            .then((t) => void samples.push(t))
            .catch(() => void lost++)
            .finally(() => {
              v.busy = false;
            }),
        );
      }
      if (elapsed >= ms) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await Promise.all(pending);
  return { samples, lost };
}

console.log("ready");
createInterface({ input: process.stdin })
  .on("line", (line) => {
    const [command, a, b] = line.split(" ");
    if (command === "connect") {
      connectAll(Number(a)).then(() => console.log("joined"), fail);
    } else if (command === "chat") {
      chat(Number(a), Number(b)).then((r) => console.log(`turns ${JSON.stringify(r)}`), fail);
    }
  })
  .on("close", () => {
    for (const v of visitors) v.socket.disconnect();
    process.exit(0);
  });
