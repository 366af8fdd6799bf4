// The real server as `npm start` runs it (server/run.ts: one process, or a cluster primary and its workers when
// WORKERS > 1; each worker runs this script again) with the benchmarks' opened rate limits. For the processes
// part of npm run bench (test/bench/processes.ts).
import { readConfig } from "../../server/config.ts";
import { consoleLogger } from "../../server/log.ts";
import { run } from "../../server/run.ts";
import { benchLimits } from "./limits.ts";

await run(readConfig(process.env), consoleLogger, { limits: benchLimits });
