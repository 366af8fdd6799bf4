// The Redis store: every area (redis/) over one shared client (redis/context.ts), on one Redis or a Redis Cluster.
// Several processes can share it.
import { consoleLogger, type Logger } from "../log.ts";
import { redisAccounts } from "./redis/accounts.ts";
import { redisApiKeys } from "./redis/api-keys.ts";
import { connectRedis, type RedisTarget } from "./redis/context.ts";
import { redisConversations } from "./redis/conversations.ts";
import { redisEngage } from "./redis/engage.ts";
import { redisFollowUps } from "./redis/followups.ts";
import { redisFunnel } from "./redis/funnel.ts";
import { redisLife } from "./redis/life.ts";
import { redisLimits } from "./redis/limits.ts";
import { redisMail } from "./redis/mail.ts";
import { redisMessages } from "./redis/messages.ts";
import { redisPlaybooks } from "./redis/playbooks.ts";
import { redisPresence } from "./redis/presence.ts";
import { redisPrivacy } from "./redis/privacy.ts";
import { redisSavedReplies } from "./redis/saved-replies.ts";
import { redisSecrets } from "./redis/secrets.ts";
import { redisSites } from "./redis/sites.ts";
import { redisStats } from "./redis/stats.ts";
import { redisTimers } from "./redis/timers.ts";
import { redisWebhooks } from "./redis/webhooks.ts";
import { conversationTtlSeconds, type Store } from "./types.ts";

export async function createRedisStore(
  url: RedisTarget,
  prefix = "banter:",
  log: Logger = consoleLogger,
  // Retention: how long a conversation is kept after its last write (transcript, lead, notes, indexes).
  retentionSeconds = conversationTtlSeconds,
): Promise<Store> {
  const ctx = await connectRedis(url, prefix, log, retentionSeconds);
  return {
    ...redisLife(ctx),
    ...redisSites(ctx),
    ...redisPlaybooks(ctx),
    ...redisAccounts(ctx),
    ...redisApiKeys(ctx),
    ...redisSavedReplies(ctx),
    ...redisConversations(ctx),
    ...redisFollowUps(ctx),
    ...redisFunnel(ctx),
    ...redisMessages(ctx),
    ...redisPresence(ctx),
    ...redisTimers(ctx),
    ...redisLimits(ctx),
    ...redisWebhooks(ctx),
    ...redisMail(ctx),
    ...redisPrivacy(ctx),
    ...redisStats(ctx),
    ...redisEngage(ctx),
    ...redisSecrets(ctx),
  };
}
