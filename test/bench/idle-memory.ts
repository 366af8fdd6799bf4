import { spawn } from "node:child_process";
import { io as connect, type Socket } from "socket.io-client";
import { until } from "../support/processes.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";

// Memory per idle connected visitor: a server process (test/bench/idle-server.ts) before and after `n` clients
// connect and join their conversation, its heap and external memory after a GC each time; raw socket.io measured
// the same way in the same run.
export async function idleMemory(redisUrl: string, n: number): Promise<{ raw: number; banter: number }> {
  const perConnection = async (mode: "raw" | "banter"): Promise<number> => {
    const prefix = `banter-bench:${Date.now()}:idle:`;
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "test/bench/idle-server.ts", mode, prefix],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const lines: string[] = [];
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      lines.push(...parts);
    });
    const field = async (name: string, from = 0) => {
      await until(() => lines.slice(from).some((l) => l.startsWith(`${name} `)), 30_000, name);
      return (lines.slice(from).find((l) => l.startsWith(`${name} `)) as string).slice(name.length + 1);
    };
    const memory = async () => {
      const from = lines.length;
      child.stdin.write("mem\n");
      return Number(await field("mem", from));
    };
    const port = Number(await field("port"));
    const siteKey = await field("site");
    const url = `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 500));
    const before = await memory();
    const sockets: Socket[] = [];
    for (let i = 0; i < n; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, async () => {
          const s = connect(`${url}/visitor`, {
            auth: { siteKey },
            extraHeaders: { origin: "http://localhost:5555" },
            transports: ["websocket"],
            forceNew: true,
          });
          sockets.push(s);
          await new Promise((r) => s.once("connect", () => r(null)));
          await s.emitWithAck("conversation:join", { lastSeq: 0 });
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
    const after = await memory();
    for (const s of sockets) s.disconnect();
    child.kill();
    if (mode === "banter") await deleteKeysAt(redisUrl, prefix);
    return (after - before) / n;
  };
  return { raw: await perConnection("raw"), banter: await perConnection("banter") };
}
