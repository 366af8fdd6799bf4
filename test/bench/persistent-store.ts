// The embedded store kept on disk against the same store in memory only, in one run (issue 20): store writes per
// second, the data kept on disk included (the final flush is inside the timing), and the time a restart takes to
// load a data directory of many conversations.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, openPersistentStore } from "../../server/store/memory-store.ts";
import type { Store } from "../../server/store/types.ts";
import { conversation } from "../support/store-contract.ts";

export interface PersistFigures {
  memoryWritesPerS: number;
  persistentWritesPerS: number;
  conversations: number;
  dataMb: number;
  loadMs: number;
}

// One conversation's writes: created, the visitor's line and the bot's, the conversation updated with them. One
// "write" below is one of these four store calls.
async function writeConversations(store: Store, from: number, count: number) {
  for (let n = from; n < from + count; n++) {
    const id = `c${n}`;
    const c = await store.createConversation({ ...conversation(id), createdAt: n });
    const lines = [
      { conversationId: id, clientId: `v${n}`, author: "visitor" as const, text: "we keep losing leads", at: n },
      { conversationId: id, clientId: `b${n}`, author: "bot" as const, text: "What is your budget?", at: n },
    ];
    await store.updateConversationSaying({ ...c, updatedAt: n + 1 }, undefined, lines, 1);
    await store.getConversation(id);
    // The flush timer gets its turn, as between requests.
    if (n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function writesPerS(store: Store, count: number): Promise<number> {
  const start = performance.now();
  await writeConversations(store, 0, count);
  await store.close();
  return (count * 3) / ((performance.now() - start) / 1000);
}

async function seed(dir: string, conversations: number) {
  const store = await openPersistentStore(dir);
  await writeConversations(store, 0, conversations);
  await store.close();
}

export async function persistentStore(conversations = 100_000, timed = 20_000): Promise<PersistFigures> {
  const dir = mkdtempSync(join(tmpdir(), "banter-bench-data-"));
  try {
    // Warm both paths once, then time each.
    await writesPerS(createMemoryStore(), 2000);
    const memoryWritesPerS = await writesPerS(createMemoryStore(), timed);
    const persistentWritesPerS = await writesPerS(await openPersistentStore(join(dir, "timed")), timed);

    await seed(join(dir, "load"), conversations);
    // The seeding store is out of reach: the load below starts on a heap without it, as a restarted process does.
    global.gc?.();
    const files = readdirSync(join(dir, "load"));
    const bytes = files.reduce((n, f) => n + statSync(join(dir, "load", f)).size, 0);
    const start = performance.now();
    const loaded = await openPersistentStore(join(dir, "load"));
    const loadMs = performance.now() - start;
    if (!(await loaded.getConversation(`c${conversations - 1}`))) throw new Error("the last conversation did not load");
    await loaded.close();
    return { memoryWritesPerS, persistentWritesPerS, conversations, dataMb: bytes / 2 ** 20, loadMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
