// Size budgets per widget entry, gzipped, over everything the entry loads (its own file and its imports).
// npm test builds first; this reads dist/. Budgets are ceilings to keep, not targets: lower them as we shrink.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "../../dist");
const budgets = {
  // The script tag on every customer page: drawn before anything else loads. Issue 8's goal is 4 KB at most; the
  // window API (queue replay, events, history changes, consent mode) took it there, so anything that can wait for
  // the first open belongs in the chat app.
  loader: 4 * 1024,
  // Loaded on the first open of the chat: Preact, socket.io-client and the app. 32 KB since issue 18 (29,659 -> 31,761 B
  // measured): the panel's header tells who answers and when (31,078 B): the reply-time line with the business-hours
  // arithmetic to keep it true (about 820 B), the picture, the focus trap of the full-screen panel, the ended bar;
  // then the rating after a live chat (about 640 B).
  chat: 32 * 1024,
  // Proactive messages and behaviour (issue 19), fetched on idle only for sites with triggers, or on the first
  // Banter('track'): visit counting, the reports, the conditions and caps, and the teaser with its styles. Its own
  // build (vite --mode engage), one file: 4,334 B measured, against 4,584 B for the same code as three files.
  engage: 4.5 * 1024,
  // Everything a rep or an owner loads first: the shell and the desk. 43 KB since issue 18 (43,092 B measured, from
  // 39,608): the desk's three panes (about 1,550 B: the lead panel and its summary, the reply box, the phone's
  // one-pane view, keyboard shortcuts, the sound notice), the saved replies' picker in the reply box (about 1,020 B),
  // the header's Settings and phone menus (about 810 B) and a visitor's rating on the lead card (about 120 B).
  console: 43 * 1024,
  // The playbook editor's chunk, beyond what the console already loaded: zod and the whole engine, for validation
  // and a live preview that answers exactly as visitors will be answered. Owners only, on that page only, never on
  // a customer's page. 60 KB since the engine converses (issue 14: 57.0 KB measured): the answers matcher
  // (minisearch, about 6 KB), stemming (stemmer) and the readers' larger tables took it from 45.9 KB. 64 KB since
  // issue 18 (63.1 KB measured, from 58.8 KB): sections that open one at a time, conditions built with controls
  // (a JSON box each), the review of what Publish changes (its diff is computed by the server) and a useful history.
  // 67 KB since issue 19 (68,080 B measured, from 64,519 B): the engine's behaviour scoring, its schema and its
  // words in the diff (1,228 B), and the editor's behaviour rows, inactivity switch and the preview's "Simulate
  // behaviour" (2,333 B). zod is the largest part (89 of 210 KB minified): zod/mini in shared/engine/schema.ts
  // would win more than that back, for the server and the editor alike.
  playbooks: 67 * 1024,
  // The funnel page's chunk, beyond what the console already loaded, with what it loads itself as soon as it draws:
  // uPlot (1.6.32, 21.9 KB gzipped) and its CSS (0.7 KB) for the trend charts. Owners only, that page only, never
  // the console's entry. 30 KB since the trends (issue 18: 28.2 KB measured, 5.5 KB of it the page's own code).
  funnel: 30 * 1024,
};

interface ManifestEntry {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

function gzipped(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

function entrySize(manifest: Record<string, ManifestEntry>, key: string, seen = new Set<string>()): number {
  if (seen.has(key)) return 0;
  seen.add(key);
  const entry = manifest[key];
  if (!entry) throw new Error(`${key} is not in the build manifest`);
  return gzipped(entry.file) + (entry.imports ?? []).reduce((sum, k) => sum + entrySize(manifest, k, seen), 0);
}

// The manifest keys an entry loads (itself and its static imports).
function closure(manifest: Record<string, ManifestEntry>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const k of manifest[key]?.imports ?? []) closure(manifest, k, seen);
  return seen;
}

// A lazy page beyond the console entry: its chunk, its imports the console has not loaded, and what it imports
// lazily itself (a chart library drawn as soon as the page is).
function pageSize(manifest: Record<string, ManifestEntry>, key: string): number {
  const seen = closure(manifest, "widget/console/index.tsx");
  const lazy = manifest[key]?.dynamicImports ?? [];
  return entrySize(manifest, key, seen) + lazy.reduce((sum, k) => sum + entrySize(manifest, k, seen), 0);
}

function measure() {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Record<string, ManifestEntry>;
  return {
    loader: gzipped("widget.js"),
    chat: entrySize(manifest, "widget/chat/index.tsx"),
    engage: gzipped("assets/engage.js"),
    console: entrySize(manifest, "widget/console/index.tsx"),
    playbooks: pageSize(manifest, "widget/console/pages/playbooks/index.tsx"),
    funnel: pageSize(manifest, "widget/console/pages/funnel/index.tsx"),
  };
}

// A page of a site with triggers loads the engage chunk on idle: one module request and one compile, nothing it
// imports (docs/scaling.md, "Host page cost with proactive messages").
describe("the engage chunk is one file", () => {
  it("imports nothing", () => {
    const code = readFileSync(join(dist, "assets/engage.js"), "utf8");
    expect(code).not.toMatch(/\bimport\s*[\s{*("'`]|\bimport\(/);
    expect(code).toMatch(/\bexport\s*\{/);
  });
});

describe("bundle size budgets (gzipped)", () => {
  const sizes = measure();
  for (const [entry, budget] of Object.entries(budgets) as [keyof typeof budgets, number][]) {
    it(`${entry} stays within ${budget} bytes`, () => {
      console.log(`${entry}: ${sizes[entry]} bytes gzipped (budget ${budget})`);
      expect(sizes[entry]).toBeLessThanOrEqual(budget);
    });
  }
});
