// The embedded store for trying Banter out: one process, nothing kept across restarts. Same contract as Redis:
// every area (memory/) over one shared state (memory/state.ts).
import { memoryAccounts } from "./memory/accounts.ts";
import { memoryApiKeys } from "./memory/api-keys.ts";
import { memoryConversations } from "./memory/conversations.ts";
import { memoryEngage } from "./memory/engage.ts";
import { memoryFollowUps } from "./memory/followups.ts";
import { memoryFunnel } from "./memory/funnel.ts";
import { memoryLife } from "./memory/life.ts";
import { memoryLimits } from "./memory/limits.ts";
import { memoryMail } from "./memory/mail.ts";
import { memoryMessages } from "./memory/messages.ts";
import { memoryPlaybooks } from "./memory/playbooks.ts";
import { memoryPresence } from "./memory/presence.ts";
import { memoryPrivacy } from "./memory/privacy.ts";
import { memorySavedReplies } from "./memory/saved-replies.ts";
import { memorySecrets } from "./memory/secrets.ts";
import { memorySites } from "./memory/sites.ts";
import { createMemoryState } from "./memory/state.ts";
import { memoryStats } from "./memory/stats.ts";
import { memoryTimers } from "./memory/timers.ts";
import { memoryWebhooks } from "./memory/webhooks.ts";
import type { Store } from "./types.ts";

export function createMemoryStore(now: () => number = Date.now): Store {
  const state = createMemoryState(now);
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
