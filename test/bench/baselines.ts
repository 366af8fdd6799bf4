// The baselines bot turns are read against, on raw socket.io servers in this process with the same clients: the
// acknowledged echo, the echo that stores each message in Redis, and the floor under a turn.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { defaultPlaybook, start, step, type Transition } from "../../shared/engine/index.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { answers, drive, type Window } from "./turns.ts";

// As a turn stores them: a conversation of about 1.5 KB (the default playbook's, two answers in), a visitor's line
// and a bot's question with its four buttons.
const doc = JSON.stringify({
  id: "c1",
  engine: {
    slots: Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`slot${i}`, { display: "x".repeat(40), words: "y".repeat(40) }]),
    ),
  },
  rest: "z".repeat(200),
});
type Marks = { opened(): void; closed(): void };

// `http` listening on a free port, and `clients` socket.io clients connected to it.
async function listening(http: HttpServer, clients: number): Promise<Socket[]> {
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return Promise.all(
    Array.from({ length: clients }, () => {
      const s = connect(url, { transports: ["websocket"], forceNew: true });
      return new Promise<Socket>((r) => s.once("connect", () => r(s)));
    }),
  );
}

// `withRedis`: the server also stores each message in Redis (one round trip) before acknowledging it: the
// least that any design storing every turn pays, so the gap between the two baselines is the cost of storing
// alone, and the gap from it to bot turns is Banter's own.
export async function echoBaseline(
  redisUrl: string,
  clients: number,
  window: Window,
  withRedis = false,
  marks?: Marks,
): Promise<number> {
  const http = createServer();
  const io = new Server(http);
  const redis = withRedis ? await createClient({ url: redisUrl }).connect() : null;
  const key = `banter-bench:${Date.now()}:echo`;
  io.on("connection", (s) =>
    s.on("echo", async (payload: unknown, ack: (p: unknown) => void) => {
      if (redis) await redis.rPush(key, JSON.stringify(payload));
      ack(payload);
    }),
  );
  const sockets = await listening(http, clients);
  const payload = { clientId: "m", text: "about 40k" };
  const rate = await drive(
    clients,
    window,
    async (c) => {
      await (sockets[c] as Socket).emitWithAck("echo", payload);
    },
    marks,
  );
  for (const s of sockets) s.disconnect();
  await io.close();
  if (redis) {
    await redis.del(key);
    await redis.close();
  }
  return rate;
}

const line = (seq: number, author: "visitor" | "bot", text: string, choices?: string[]) => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  author,
  text,
  createdAt: Date.now(),
  ...(choices ? { choices: choices.map((label, i) => ({ id: `c${i}`, label })) } : {}),
});
const script = `redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'rev', 2)
redis.call('ZADD', KEYS[2], 1, ARGV[2], 2, ARGV[3])
return 2`;

// The floor under a bot turn: what a turn where nothing moved costs on the wire, with none of Banter's code. A
// socket.io server does exactly what such a turn does outside the engine and the store's arguments: one script call
// storing a conversation-sized doc and two lines (the visitor's and the bot's), one `messages:created` packet with
// them to the conversation's room (the sender's own socket), one publish for other processes (heard back by this
// process's subscriber and dropped by its sender prefix, as server/store/room-relay.ts does), and the
// acknowledgement. Turns / stored echo can come no closer to 1 than this.
// `withEngine`: the same, with the engine's step added (the default playbook's answers by button, as the turns
// part plays them), the doc stored being its state and the bot's line its words: how close a turn could come with
// the engine and none of the rest (validation, limits, indexes, counters, the conversation's other fields).
export async function turnFloor(
  redisUrl: string,
  clients: number,
  window: Window,
  marks?: Marks,
  withEngine = false,
): Promise<number> {
  const http = createServer();
  const io = new Server(http);
  const redis = await createClient({ url: redisUrl }).connect();
  const sub = redis.duplicate();
  await sub.connect();
  const key = `banter-bench:${Date.now()}:floor:`;
  const sha = await redis.scriptLoad(script);
  const self = "floor\n";
  await sub.sSubscribe(`${key}relay`, (message: string) => {
    if (!message.startsWith(self)) JSON.parse(message);
  });
  let seq = 0;
  io.on("connection", (s) => {
    const room = `conv:${s.id}`;
    s.join(room);
    let engine: Transition = start(defaultPlaybook);
    s.on("message:send", async (req: { clientId: string; choice: string }, ack: (r: unknown) => void) => {
      const mine = line(++seq, "visitor", req.choice);
      let stored = doc;
      let bot = line(++seq, "bot", "Thanks. Roughly what budget do you have in mind?", [
        "Under $10k",
        "$10k-$25k",
        "$25k-$100k",
        "Over $100k",
      ]);
      if (withEngine) {
        // A conversation's first answer starts it again (the turns part's visitors answer the four and leave).
        if (req.choice === answers[0]) engine = start(defaultPlaybook);
        engine = step(defaultPlaybook, engine.state, { choice: req.choice }, Date.now());
        const say = engine.effects.find((e) => e.type === "say");
        stored = JSON.stringify({ id: s.id, status: "bot", engine: engine.state, updatedAt: Date.now() });
        bot = {
          ...line(seq, "bot", say?.type === "say" ? say.text : ""),
          ...(say?.type === "say" && say.options ? { options: say.options } : {}),
        };
      }
      await redis.evalSha(sha, {
        keys: [`${key}doc:${s.id}`, `${key}messages:${s.id}`],
        arguments: [stored, JSON.stringify(mine), JSON.stringify(bot)],
      });
      const lines = [mine, bot];
      io.to(room).emit("messages:created", lines);
      redis.sPublish(`${key}relay`, self + JSON.stringify(lines));
      ack({ ok: true, message: mine });
    });
  });
  const sockets = await listening(http, clients);
  const turns = sockets.map(() => 0);
  const rate = await drive(
    clients,
    window,
    async (c) => {
      const s = sockets[c] as Socket;
      const reply = new Promise<void>((r) => s.once("messages:created", () => r()));
      const k = turns[c] ?? 0;
      turns[c] = k + 1;
      const choice = answers[k % answers.length] as string;
      await s.emitWithAck("message:send", { clientId: "m", choice });
      await reply;
    },
    marks,
  );
  for (const s of sockets) s.disconnect();
  await io.close();
  await sub.close();
  await redis.close();
  await deleteKeysAt(redisUrl, key);
  return rate;
}
