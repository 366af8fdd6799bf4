// The clients of the processes part of npm run bench (test/bench/processes.ts), in a process of their own so
// that their CPU is not the servers': `clients` bot-turn loops (turns.ts) against the server at argv[2], on the
// demo site argv[3]. Prints `opened` and `closed` as the measured window opens and closes, then
// `result <turns per second> <CPU ms this process used in the window>`.
import { io } from "socket.io-client";
import type { VisitorClient } from "../support/app.ts";
import { botTurns, drive } from "./turns.ts";

const [url, siteKey, clients, warmupMs, measureMs] = process.argv.slice(2);
const n = Number(clients);
const turns = botTurns(
  n,
  (): VisitorClient =>
    io(`${url}/visitor`, {
      auth: { siteKey },
      // The demo site allows localhost pages; Node sends no Origin of its own.
      extraHeaders: { origin: "http://localhost:5555" },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    }),
);
let cpuAtOpen = process.cpuUsage();
let cpuMs = 0;
const rate = await drive(n, { warmupMs: Number(warmupMs), measureMs: Number(measureMs) }, turns.once, {
  opened() {
    cpuAtOpen = process.cpuUsage();
    console.log("opened");
  },
  closed() {
    const used = process.cpuUsage(cpuAtOpen);
    cpuMs = (used.user + used.system) / 1000;
    console.log("closed");
  },
});
turns.close();
console.log(`result ${rate} ${cpuMs}`);
process.exit(0);
