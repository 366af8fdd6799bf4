// The only impure entry: reads the environment and starts the server (one process, or a cluster: server/run.ts).
import { readConfig } from "./config.ts";
import { consoleLogger as log } from "./log.ts";
import { run } from "./run.ts";

// The process stays up through a failure nobody awaited (a library's publish during a Redis restart): logged,
// not fatal. Programming errors still surface in the log and in tests.
process.on("unhandledRejection", (err) => {
  log.error("unhandled rejection", { err: err instanceof Error ? err.message : String(err) });
});
await run(readConfig(process.env), log);
