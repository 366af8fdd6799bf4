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
  // Loaded on the first open of the chat: Preact, socket.io-client and the app.
  chat: 30 * 1024,
  console: 40 * 1024,
  // The playbook editor's chunk, beyond what the console already loaded: zod and the whole engine, for validation
  // and a live preview that answers exactly as visitors will be answered. Owners only, on that page only, never on
  // a customer's page. 60 KB since the engine converses (issue 14: 57.0 KB measured): the answers matcher
  // (minisearch, about 6 KB), stemming (stemmer) and the readers' larger tables took it from 45.9 KB. 64 KB since
  // issue 18 (63.1 KB measured, from 58.8 KB): sections that open one at a time, conditions built with controls
  // (a JSON box each), the review of what Publish changes (its diff is computed by the server) and a useful history.
  playbooks: 64 * 1024,
};

interface ManifestEntry {
  file: string;
  imports?: string[];
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

function measure() {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Record<string, ManifestEntry>;
  return {
    loader: gzipped("widget.js"),
    chat: entrySize(manifest, "widget/chat/index.tsx"),
    console: entrySize(manifest, "widget/console/index.tsx"),
    playbooks: entrySize(
      manifest,
      "widget/console/pages/playbooks/index.tsx",
      closure(manifest, "widget/console/index.tsx"),
    ),
  };
}

describe("bundle size budgets (gzipped)", () => {
  const sizes = measure();
  for (const [entry, budget] of Object.entries(budgets) as [keyof typeof budgets, number][]) {
    it(`${entry} stays within ${budget} bytes`, () => {
      console.log(`${entry}: ${sizes[entry]} bytes gzipped (budget ${budget})`);
      expect(sizes[entry]).toBeLessThanOrEqual(budget);
    });
  }
});
