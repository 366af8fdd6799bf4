// Host page cost: the main-thread time widget.js adds to a customer's page load, in headless Chromium, against the
// same page without the snippet, and the longest task with it. A page load pays for the loader only: the chat app
// (dist/assets/chat.js) is fetched when the launcher is first opened.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { createSite } from "../../server/sites/create.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Trigger } from "../../shared/protocol/engage.ts";
import { triggerDefaults } from "../../shared/protocol/engage.ts";
import { embedSnippet } from "../../shared/sites/snippet.ts";
import { startApp } from "../support/app.ts";
import { hostPage, launchBrowser } from "../support/browser.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";

const root = join(import.meta.dirname, "../..");

export interface PageCost {
  loads: number;
  // Medians over `loads` page loads of each variant, in main-thread CPU milliseconds.
  without_ms: number;
  with_ms: number;
  added_ms: number;
  // The longest task of a page load with the snippet and without it (whatever ran in it: parsing, layout, script).
  longest_task_ms: number;
  longest_task_without_ms: number;
  // Tasks that ran the loader's script (its evaluation), and how many of those, over all loads, took over 50 ms.
  loader_longest_task_ms: number;
  loader_tasks_over_50ms: number;
  // A site with proactive messages (issue 19): the loader also fetches the engage chunk on idle, which fetches the
  // triggers and starts evaluating them. Its median, what it adds, its longest task, and both page costs as ratios
  // to the page without the widget (measured in the same run, alternated with it).
  with_triggers_ms: number;
  added_triggers_ms: number;
  longest_task_triggers_ms: number;
  ratio_with: number;
  ratio_with_triggers: number;
  // The engage chunk's own tasks (those the trace names engage.js in: its evaluation, timers and listeners), summed
  // per load: the part of added_triggers_ms that is the chunk's script rather than its fetches and the page's noise.
  engage_ms: number;
  // What ran after the load event (medians): the page's own little work, the launcher drawn once the config
  // arrives, and with triggers everything of the engage chunk. Its difference between the two widget variants is
  // the chunk's cost with the noise of the page's parse and layout left out.
  after_load_with_ms: number;
  after_load_triggers_ms: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

interface Task {
  ms: number;
  // Started after the page's load event.
  late?: boolean;
  // Whose script the trace names in it: widget.js, the engage chunk, or neither (the page's own work).
  by?: "loader" | "engage";
}

// A realistic content page: a header, navigation, an article of a few thousand words in ten sections with lists and a
// table, and a footer, styled inline. No images or other requests, so the only difference between the variants is
// the snippet (pasted just before </body>, as docs/embedding.md says).
const words =
  "Our platform helps growing teams answer every visitor question quickly, route the right leads to the right " +
  "people, and keep a clear record of each conversation for later review and follow up with customers.";
const paragraph = (n: number) => `<p>${words} ${words.split(" ").slice(n).join(" ")}</p>`;
const list = (s: number) => {
  const items = Array.from({ length: 6 }, (_, i) => `<li><a href="#s${s}-${i}">Feature ${i + 1}</a> and why</li>`);
  return `<ul>${items.join("")}</ul>`;
};
const section = (s: number) => {
  const paragraphs = Array.from({ length: 5 }, (_, i) => paragraph((s + i) % 10));
  return `<section><h2>Section ${s + 1}: what we do well</h2>${paragraphs.join("")}${list(s)}</section>`;
};
const rows = Array.from(
  { length: 8 },
  (_, i) => `<tr><td>Plan ${i + 1}</td><td>${(i + 1) * 5}</td><td>$${(i + 1) * 49}</td></tr>`,
);

function contentPage(snippet: string): string {
  const sections = Array.from({ length: 10 }, (_, s) => section(s)).join("\n");
  const table = `<table><thead><tr><th>Plan</th><th>Seats</th><th>Monthly</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme: lead capture for growing teams</title>
<style>
body{margin:0;font:16px/1.6 Georgia,serif;color:#222;background:#fafafa}
header,footer{background:#123;color:#fff;padding:16px 32px}
nav a{color:#cde;margin-right:16px}
main{max-width:760px;margin:0 auto;padding:24px}
h2{font-family:system-ui,sans-serif;margin-top:40px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px}
</style></head>
<body><header><strong>Acme</strong><nav><a href="/">Home</a><a href="/pricing">Pricing</a><a href="/blog">Blog</a><a href="/about">About</a></nav></header>
<main><h1>Lead capture for growing teams</h1>
${sections}
${table}
</main><footer>&copy; Acme Inc. All rights reserved.</footer>
${snippet}
</body></html>`;
}

// The tasks the page's renderer main thread ran during one load, from a Chrome trace.
//
// Why a trace, and why CPU time: Chromium marks every task of a thread with a RunTask event (category
// disabled-by-default-devtools.timeline) carrying both its wall time (`dur`) and the thread's CPU time in it
// (`tdur`). The sum and the longest come from the same record, nothing runs in the page to take them, and both
// variants are read the same way. The Long Tasks API only sees tasks over 50 ms (a 5 ms task is invisible) and needs
// a script in the page; Performance.getMetrics gives a total but no longest task. CPU time rather than wall time:
// on a 2-core machine shared with the browser's other processes, the server and other benchmarks, a task's wall time
// mostly measures how long the thread waited for a core (the same 4 ms of the loader's script read 4 to 70 ms of
// wall time from one load to the next, and the plain page's load 30 ms of CPU but over 100 ms of wall time); its CPU
// time is the work the page asks of the main thread, which is what the loader controls, and it repeats within a few
// milliseconds. It leaves out the waits inside a task (the loader's first localStorage read waits about a
// millisecond for the browser process).
function readTrace(events: TraceEvent[], pageUrl: string, scripts: Record<"loader" | "engage", string>): Task[] {
  // The page's main thread is the one that parsed its HTML (the renderer may also have run about:blank before).
  const parse = events.find((e) => e.name === "ParseHTML" && JSON.stringify(e.args).includes(pageUrl));
  if (!parse) throw new Error(`the trace has no parse of ${pageUrl}`);
  const thread = events
    .filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === "X" && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const load = events.find((e) => e.name === "MarkLoad" && e.pid === parse.pid && e.tid === parse.tid)?.ts ?? Infinity;
  const tasks: Task[] = [];
  let end = -1;
  for (const e of thread) {
    if (e.name === "RunTask" && e.ts >= end) {
      // Outermost tasks only: a nested run loop's tasks are inside their parent's time already.
      if (e.tdur === undefined) throw new Error("the trace has no thread times (tdur) for its tasks");
      tasks.push({ ms: e.tdur / 1000, late: e.ts >= load });
      end = e.ts + (e.dur as number);
    } else if (e.ts < end && e.name !== "ResourceSendRequest") {
      // Script work the trace names widget.js or engage.js in (compile, evaluation, timers, event listeners); the
      // parser's request for the file is the page's own task. Promise callbacks (the launcher drawn after the
      // config arrives, the triggers handled after their fetch) are not named.
      const args = JSON.stringify(e.args ?? {});
      const task = tasks[tasks.length - 1] as Task;
      if (args.includes(scripts.engage)) task.by = "engage";
      else if (args.includes(scripts.loader)) task.by ??= "loader";
    }
  }
  return tasks;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const sum = (tasks: Task[]) => tasks.reduce((s, t) => s + t.ms, 0);
const longest = (tasks: Task[]) => Math.max(0, ...tasks.map((t) => t.ms));
const round = (ms: number) => Number(ms.toFixed(1));

export async function hostPageCost(loads = Number(process.env.BENCH_PAGE_LOADS ?? 8)): Promise<PageCost> {
  // npm run bench may run on a fresh clone; the build takes a few seconds.
  if (!existsSync(join(root, "dist/widget.js"))) {
    console.error("page: dist/widget.js is missing; running npm run build first");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `banter-bench:${Date.now()}:page:`;
  // Redis, as in production: the config request the loader makes reads the site and records the load there.
  const store = await createRedisStore(redisUrl, prefix);
  const app = await startApp(store);
  // The host pages are on 127.0.0.1, the Banter server on localhost: two origins, as on a customer's site.
  const server = app.url.replace("127.0.0.1", "localhost");
  // A second site with triggers an owner would set: one for the pricing page (not this page), one after 20 s here,
  // one on leaving; none fires within a load, so what is measured is the chunk, its fetch and its evaluation.
  const engaged = await createSite(store, { name: "Engaged", allowedOrigins: ["http://127.0.0.1:*"] }, Date.now());
  const trigger = (id: string, when: Trigger["when"]): Trigger => ({
    ...triggerDefaults,
    id,
    name: id,
    when,
    message: "Questions about plans?",
  });
  await store.updateSite(engaged.key, (s) => ({
    ...s,
    triggers: [
      trigger("pricing00001", { urls: ["/pricing*"], secondsOnPage: 30 }),
      trigger("reading00001", { secondsOnPage: 20, scrollPercent: 50 }),
      trigger("leaving00001", { exitIntent: true }),
    ],
  }));
  const plain = await hostPage(contentPage(""));
  const embedded = await hostPage(contentPage(embedSnippet(server, app.siteKey)));
  const withTriggers = await hostPage(contentPage(embedSnippet(server, engaged.key)));
  const browser = await launchBrowser();
  const runs = { without: [] as Task[][], with: [] as Task[][], triggers: [] as Task[][] };
  const orders = [
    ["with", "without", "triggers"],
    ["without", "triggers", "with"],
    ["triggers", "with", "without"],
  ] as const;
  try {
    // One round first, not counted: the first loads of a fresh browser pay for its own start-up.
    for (let i = -1; i < loads; i++) {
      // Rotated, so drift on a busy machine falls on every variant alike.
      for (const variant of orders[(i + 3) % 3] ?? orders[0]) {
        const url = variant === "without" ? plain.url : variant === "with" ? embedded.url : withTriggers.url;
        const tasks = await loadOnce(browser, url, server, variant);
        if (i >= 0) runs[variant].push(tasks);
      }
    }
  } finally {
    await browser.close();
    await plain.close();
    await embedded.close();
    await withTriggers.close();
    await app.close();
    await store.close();
    await deleteKeysAt(redisUrl, prefix);
  }
  const without = median(runs.without.map(sum));
  const withLoader = median(runs.with.map(sum));
  const loaderTasks = runs.with.map((tasks) => tasks.filter((t) => t.by === "loader"));
  const triggers = median(runs.triggers.map(sum));
  return {
    loads,
    without_ms: round(without),
    with_ms: round(withLoader),
    added_ms: round(withLoader - without),
    longest_task_ms: round(median(runs.with.map(longest))),
    longest_task_without_ms: round(median(runs.without.map(longest))),
    loader_longest_task_ms: round(median(loaderTasks.map(longest))),
    loader_tasks_over_50ms: loaderTasks.flat().filter((t) => t.ms > 50).length,
    with_triggers_ms: round(triggers),
    added_triggers_ms: round(triggers - without),
    longest_task_triggers_ms: round(median(runs.triggers.map(longest))),
    ratio_with: Number((withLoader / without).toFixed(3)),
    ratio_with_triggers: Number((triggers / without).toFixed(3)),
    engage_ms: round(median(runs.triggers.map((tasks) => sum(tasks.filter((t) => t.by === "engage"))))),
    after_load_with_ms: round(median(runs.with.map((tasks) => sum(tasks.filter((t) => t.late))))),
    after_load_triggers_ms: round(median(runs.triggers.map((tasks) => sum(tasks.filter((t) => t.late))))),
  };
}

// How long after the load event every trace runs on, whatever the variant. The same window for all three: the page
// keeps working after its load (layout, paint, its own idle tasks), so a variant traced for longer than another is
// charged for more of the page's own work. (The triggers variant used to run until its triggers arrived plus 250 ms,
// the others until the config plus 250 ms; equal windows moved its figure little: docs/scaling.md.)
// Long enough for the loader's idle callback, the chunk's import, its triggers' fetch and a first evaluation.
const windowMs = 2000;

// One load in a fresh context (empty cache and storage: a new visitor's first page, widget.js not yet cached), traced
// from before the navigation until windowMs after the page's load event. With the snippet, the config response (the
// launcher is drawn from it) and, with triggers, the engage chunk's fetch of them must have arrived by then, with
// 250 ms to spare for their work, or the load is refused as measuring too little. Nothing of ours runs in the page
// meanwhile (Playwright waits on browser-side events); the launcher is checked after the trace has stopped.
async function loadOnce(
  browser: Browser,
  url: string,
  server: string,
  variant: "without" | "with" | "triggers",
): Promise<Task[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const config = variant !== "without" ? page.waitForResponse((r) => r.url().includes("/config")) : undefined;
    const triggers = variant === "triggers" ? page.waitForResponse((r) => r.url().endsWith("/engage")) : undefined;
    await page.goto(url, { waitUntil: "load" });
    const loaded = Date.now();
    if ((await config)?.ok() === false) throw new Error(`the loader's config request failed on ${url}`);
    if ((await triggers)?.ok() === false) throw new Error(`the engage chunk's request failed on ${url}`);
    const left = loaded + windowMs - Date.now();
    if (left < 250) throw new Error(`${variant}: the widget's requests took more than ${windowMs - 250} ms after load`);
    await new Promise((r) => setTimeout(r, left));
    const trace = await browser.stopTracing();
    // BENCH_PAGE_TRACES=dir keeps each load's trace (for chrome://tracing or Perfetto), to see where the time goes.
    const keep = process.env.BENCH_PAGE_TRACES;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, `${variant}-${Date.now()}.json`), trace);
    }
    if (variant !== "without") {
      await page.locator("[data-banter] button:not([aria-disabled])").waitFor({ timeout: 10_000 });
    }
    const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
    return readTrace(traceEvents, url, { loader: `${server}/widget.js`, engage: `${server}/assets/engage.js` });
  } finally {
    await context.close();
  }
}
