// The embedded store: one process, its data in memory, kept on disk when given a data directory (memory/persist.ts).
// Same contract as Redis: every area (memory/) over one shared state (memory/state.ts).
import { mkdirSync } from "node:fs";
import { memoryAccounts } from "./memory/accounts.ts";
import { memoryApiKeys } from "./memory/api-keys.ts";
import { memoryConversations } from "./memory/conversations.ts";
import { memoryEngage } from "./memory/engage.ts";
import { memoryFollowUps } from "./memory/followups.ts";
import { memoryFunnel } from "./memory/funnel.ts";
import { memoryLife } from "./memory/life.ts";
import { memoryLimits } from "./memory/limits.ts";
import { lockDataDir } from "./memory/lock.ts";
import { memoryMail } from "./memory/mail.ts";
import { memoryMessages } from "./memory/messages.ts";
import { Journal, type PersistOptions } from "./memory/persist.ts";
import { memoryPlaybooks } from "./memory/playbooks.ts";
import { memoryPresence } from "./memory/presence.ts";
import { memoryPrivacy } from "./memory/privacy.ts";
import { memorySavedReplies } from "./memory/saved-replies.ts";
import { memorySecrets } from "./memory/secrets.ts";
import { memorySites } from "./memory/sites.ts";
import { createMemoryState, type MemoryState, transientMaps } from "./memory/state.ts";
import { memoryStats } from "./memory/stats.ts";
import { memoryTimers } from "./memory/timers.ts";
import { memoryWebhooks } from "./memory/webhooks.ts";
import type { Store } from "./types.ts";

// Nothing kept: for tests, and for a process that needs no data after it stops.
export function createMemoryStore(now: () => number = Date.now): Store {
  return withAreas(createMemoryState(now));
}

// The maps kept on disk: every Map or Set of the state but the short-lived ones.
export function persistedMaps(state: MemoryState): string[] {
  return Object.entries(state)
    .filter(([name, v]) => (v instanceof Map || v instanceof Set) && !transientMaps.includes(name as keyof MemoryState))
    .map(([name]) => name);
}

// The embedded store kept in `dataDir`: read from it now, written to it about once a second, a snapshot written on
// close. Refuses a directory another process holds.
export async function openPersistentStore(
  dataDir: string,
  now: () => number = Date.now,
  options: PersistOptions = {},
): Promise<Store> {
  const state = createMemoryState(now);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const journal = new Journal(state as unknown as Record<string, unknown>, persistedMaps(state), dataDir, options);
  try {
    await journal.open();
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    ...withAreas(state),
    durable: () => !journal.failing,
    async close() {
      try {
        await journal.close();
      } finally {
        unlock();
      }
    },
  };
}

function withAreas(state: MemoryState): Store {
  return {
    ...memoryLife(),
    ...memorySites(state),
    ...memoryPlaybooks(state),
    ...memoryAccounts(state),
    ...memoryApiKeys(state),
    ...memorySavedReplies(state),
    ...memoryConversations(state),
    ...memoryFollowUps(state),
    ...memoryFunnel(state),
    ...memoryMessages(state),
    ...memoryPresence(state),
    ...memoryTimers(state),
    ...memoryLimits(state),
    ...memoryWebhooks(state),
    ...memoryMail(state),
    ...memoryPrivacy(state),
    ...memoryStats(state),
    ...memoryEngage(state),
    ...memorySecrets(state),
  };
}
