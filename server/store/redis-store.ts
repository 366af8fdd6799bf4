import { readFileSync } from "node:fs";
import { createClient } from "redis";
import type { Playbook } from "../../shared/engine/index.ts";
import { BanterError, ErrorCode, type Message, type Note, type WidgetLoad } from "../../shared/protocol/index.ts";
import { nextAverage } from "../../shared/routing/index.ts";
import { visitorEventsKey, visitorMessagesKey } from "../limits.ts";
import { consoleLogger, type Logger } from "../log.ts";
import { keys as buildKeys } from "./keys.ts";
import { watchRedis } from "./redis-watchdog.ts";
import { subjectEmails } from "./subject.ts";
import {
  type ApiKey,
  type AppendResult,
  type Conversation,
  conversationTtlSeconds,
  type DueKind,
  type Invite,
  type MessageDraft,
  maxMessagesPerRead,
  type Site,
  type Store,
  type User,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./types.ts";

type Client = ReturnType<typeof createClient>;

function lua(name: string): string {
  return readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), "utf8");
}

const scripts = {
  createConversation: lua("create-conversation-5"),
  writeConversation: lua("write-conversation-11"),
  rateLimit: lua("rate-limit-n"),
  acquireSlot: lua("acquire-slot-1"),
  expireTabs: lua("expire-tabs-1"),
  takeDue: lua("take-due-1"),
  addNote: lua("add-note-2"),
  putIfRev: lua("put-if-rev-1"),
  putUser: lua("put-user-3"),
  touchApiKey: lua("touch-api-key-2"),
  addWebhook: lua("add-webhook-2"),
  enqueueDelivery: lua("enqueue-delivery-5"),
  claimDeliveries: lua("claim-deliveries-1"),
  finishDelivery: lua("finish-delivery-2"),
};

function parse<T>(json: string | null | undefined): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

// Messages to append, as write-conversation-11.lua reads them, and what it answers for them.
const appendArgs = (drafts: MessageDraft[]) => drafts.flatMap((d) => [d.clientId, JSON.stringify(d)]);
const appended = (drafts: MessageDraft[], reply: (number | string)[]): AppendResult[] =>
  drafts.map((_, i) => ({
    message: { ...(JSON.parse(String(reply[3 * i + 2])) as MessageDraft), seq: Number(reply[3 * i + 1]) },
    duplicate: Number(reply[3 * i + 3]) === 1,
  }));

export async function createRedisStore(
  url: string,
  prefix = "banter:",
  log: Logger = consoleLogger,
  // Retention: how long a conversation is kept after its last write (transcript, lead, notes, indexes).
  retentionSeconds = conversationTtlSeconds,
): Promise<Store> {
  // Without an offline queue, commands fail at once while Redis is away, so callers can answer UNAVAILABLE
  // instead of hanging; the client reconnects by itself with a capped backoff.
  const client: Client = createClient({
    url,
    disableOfflineQueue: true,
    // node-redis's default arms a 5 s timer and an AbortSignal for every command, yet only for its wait to be
    // written, not for the reply. Each is held for the 5 s: up to a third of the server's CPU per handshake and
    // a fifth of an idle visitor's memory (npm run bench, BENCH_ONLY=visitors and memory) for almost no
    // protection. A Redis that stops answering is the watchdog's, below.
    commandOptions: { timeout: 0 },
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
  // One line when Redis goes away and one when it is back, not one per reconnect attempt.
  let down = false;
  client.on("error", (err: Error) => {
    if (down) return;
    down = true;
    log.error("redis unreachable; retrying", { err: err.message });
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("redis reachable again");
  });
  await client.connect();
  let closing = false;
  const unwatch = watchRedis(
    {
      get isReady() {
        return client.isReady;
      },
      ping: () => client.ping(),
      // Once closing, a Redis that stopped answering is only let go of: close() must not hang on it, and no
      // connection is made after it.
      reconnect() {
        client.destroy();
        if (!closing) client.connect().catch(() => {});
      },
    },
    () => {
      // Logged once, like a connection lost; the "ready" handler above says when it is back.
      down = true;
      log.error("redis stopped answering; reconnecting");
    },
  );
  const k = buildKeys(prefix);
  const shas = new Map<string, string>();

  // EVALSHA with a reload when the server lost its script cache (restart, SCRIPT FLUSH).
  async function run(script: keyof typeof scripts, keyList: string[], args: string[]): Promise<unknown> {
    let sha = shas.get(script);
    if (!sha) {
      sha = await client.scriptLoad(scripts[script]);
      shas.set(script, sha);
    }
    try {
      return await client.evalSha(sha, { keys: keyList, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      shas.delete(script);
      return run(script, keyList, args);
    }
  }

  async function getMany<T>(ids: string[], key: (id: string) => string): Promise<T[]> {
    if (ids.length === 0) return [];
    const values = await client.mGet(ids.map(key));
    return values.map((v) => parse<T>(v)).filter((v): v is NonNullable<typeof v> => v !== null) as T[];
  }

  // Read, change, compare-and-set by rev; a conflict reads again. Writers are few (an owner's edit, a publish),
  // so a handful of tries settles any real race.
  async function updateRecord<T extends { rev?: number }>(key: string, change: (current: T) => T | null) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = parse<T>(await client.get(key));
      const next = current ? change(current) : null;
      if (!current || !next) return null;
      const rev = current.rev ?? 0;
      const stored = { ...next, rev: rev + 1 };
      if (Number(await run("putIfRev", [key], [String(rev), JSON.stringify(stored)])) === 1) return stored;
    }
    throw new BanterError(ErrorCode.CONFLICT, "Someone else is changing this; try again.");
  }

  // Index entries whose conversation expired: the indexes own them, so they are dropped when found.
  async function expired(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const multi = client.multi();
    for (const id of ids) multi.exists(k.conversation(id));
    const found = (await multi.exec()) as unknown as number[];
    return ids.filter((_, i) => Number(found[i]) === 0);
  }

  const store: Store = {
    kind: "redis",

    async putSite(site: Site) {
      await client.multi().set(k.site(site.key), JSON.stringify(site)).sAdd(k.sites(), site.key).exec();
    },
    async updateSite(key, change) {
      return updateRecord<Site>(k.site(key), (site) => {
        const next = change(site);
        return next && { ...next, key };
      });
    },
    async getSite(key) {
      return parse<Site>(await client.get(k.site(key)));
    },
    async listSites() {
      return getMany<Site>((await client.sMembers(k.sites())).sort(), k.site);
    },
    async recordWidgetLoad(siteKey, load) {
      await client.set(k.widgetLoad(siteKey), JSON.stringify(load));
    },
    async lastWidgetLoad(siteKey) {
      return parse<WidgetLoad>(await client.get(k.widgetLoad(siteKey)));
    },

    async putPlaybook(playbook: Playbook, publishedAt = Date.now()) {
      await client
        .multi()
        .set(k.playbook(playbook.id, playbook.version), JSON.stringify(playbook))
        .set(k.playbookLatest(playbook.id), String(playbook.version), { condition: "NX" })
        .hSetNX(k.playbookPublished(playbook.id), String(playbook.version), String(publishedAt))
        .exec();
    },
    async listPlaybookVersions(id) {
      const all = await client.hGetAll(k.playbookPublished(id));
      return Object.entries(all)
        .map(([version, at]) => ({ version: Number(version), publishedAt: Number(at) }))
        .sort((a, b) => b.version - a.version);
    },
    async nextPlaybookVersion(id) {
      return client.incr(k.playbookLatest(id));
    },
    async getPlaybook(id, version) {
      return parse<Playbook>(await client.get(k.playbook(id, version)));
    },

    async putUser(user: User) {
      const keyList = [k.user(user.id), k.userByEmail(user.email), k.users()];
      return Number(await run("putUser", keyList, [user.id, JSON.stringify(user)])) === 1;
    },
    async updateUser(id, change) {
      return updateRecord<User>(k.user(id), (user) => {
        const next = change(user);
        // The id and email are what the indexes point by: an update never moves them.
        return next && { ...next, id, email: user.email };
      });
    },
    async getUser(id) {
      return parse<User>(await client.get(k.user(id)));
    },
    async getUserByEmail(email) {
      const id = await client.get(k.userByEmail(email));
      return id ? store.getUser(id) : null;
    },
    async countUsers() {
      return client.sCard(k.users());
    },
    async listUsers() {
      return getMany<User>((await client.sMembers(k.users())).sort(), k.user);
    },
    async removeUser(id) {
      const user = await store.getUser(id);
      const multi = client
        .multi()
        .del(k.user(id))
        .sRem(k.users(), id)
        .hDel(k.presenceStatus(), id)
        .hDel(k.presenceOffered(), id);
      if (user && (await client.get(k.userByEmail(user.email))) === id) multi.del(k.userByEmail(user.email));
      await multi.exec();
    },

    // Each user's set of session hashes lets a password change or a disable end them all; the set lives as long
    // as the newest session, and entries of expired sessions only cost a DEL of a missing key.
    async putAuthSession(tokenHash, userId, ttlSeconds) {
      await client
        .multi()
        .set(k.authSession(tokenHash), userId, { expiration: { type: "EX", value: ttlSeconds } })
        .sAdd(k.userSessions(userId), tokenHash)
        .expire(k.userSessions(userId), ttlSeconds)
        .exec();
    },
    async getAuthSession(tokenHash) {
      return client.get(k.authSession(tokenHash));
    },
    async deleteAuthSession(tokenHash) {
      await client.del(k.authSession(tokenHash));
    },
    async endAuthSessions(userId, keepTokenHash) {
      const ending = (await client.sMembers(k.userSessions(userId))).filter((h) => h !== keepTokenHash);
      if (ending.length === 0) return;
      await client.multi().del(ending.map(k.authSession)).sRem(k.userSessions(userId), ending).exec();
    },

    async putInvite(invite: Invite) {
      await client
        .multi()
        .set(k.invite(invite.tokenHash), JSON.stringify(invite), {
          expiration: { type: "PXAT", value: invite.expiresAt },
        })
        .hSet(k.invites(), invite.id, invite.tokenHash)
        .exec();
    },
    async findInvite(tokenHash) {
      return parse<Invite>(await client.get(k.invite(tokenHash)));
    },
    // GETDEL is atomic: of two concurrent takes, only one reads the invite.
    async takeInvite(tokenHash) {
      const invite = parse<Invite>(await client.getDel(k.invite(tokenHash)));
      if (invite) await client.hDel(k.invites(), invite.id);
      return invite;
    },
    async listInvites() {
      const index = await client.hGetAll(k.invites());
      const ids = Object.keys(index);
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map((id) => k.invite(index[id] ?? "")));
      // The index owns its entries: those whose invite expired are dropped when found.
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length > 0) await client.hDel(k.invites(), gone);
      return values
        .map((v) => parse<Invite>(v))
        .filter((v): v is Invite => v !== null)
        .sort((a, b) => b.createdAt - a.createdAt);
    },
    async revokeInvite(id) {
      const tokenHash = await client.hGet(k.invites(), id);
      if (!tokenHash) return false;
      const [deleted] = (await client.multi().del(k.invite(tokenHash)).hDel(k.invites(), id).exec()) as unknown as [
        number,
      ];
      return Number(deleted) > 0;
    },

    async putApiKey(key: ApiKey) {
      const { lastUsedAt: _used, ...record } = key;
      await client.multi().set(k.apiKey(key.hash), JSON.stringify(record)).hSet(k.apiKeys(), key.id, key.hash).exec();
    },
    async findApiKey(hash) {
      const key = parse<ApiKey>(await client.get(k.apiKey(hash)));
      if (!key) return null;
      const used = await client.hGet(k.apiKeysUsed(), key.id);
      return used ? { ...key, lastUsedAt: Number(used) } : key;
    },
    async listApiKeys() {
      const [index, used] = await Promise.all([client.hGetAll(k.apiKeys()), client.hGetAll(k.apiKeysUsed())]);
      const keys = await getMany<ApiKey>(Object.values(index), k.apiKey);
      return keys
        .map((key) => (used[key.id] ? { ...key, lastUsedAt: Number(used[key.id]) } : key))
        .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
    },
    async revokeApiKey(id) {
      const hash = await client.hGet(k.apiKeys(), id);
      if (!hash) return false;
      const [deleted] = (await client
        .multi()
        .del(k.apiKey(hash))
        .hDel(k.apiKeys(), id)
        .hDel(k.apiKeysUsed(), id)
        .exec()) as unknown as [number];
      return Number(deleted) > 0;
    },
    async touchApiKey(id, at) {
      await run("touchApiKey", [k.apiKeys(), k.apiKeysUsed()], [id, String(at)]);
    },

    async createConversation(conversation) {
      const { rev: _rev, ...doc } = conversation;
      const id = String(
        await run(
          "createConversation",
          [
            k.visitorConversation(conversation.siteKey, conversation.visitorId),
            k.conversation(conversation.id),
            k.siteConversations(conversation.siteKey),
            k.visitorConversations(conversation.siteKey, conversation.visitorId),
            k.conversationEmailIndexes(conversation.id),
            ...subjectEmails(conversation).map(k.emailConversations),
          ],
          [
            conversation.id,
            JSON.stringify(doc),
            conversation.status,
            String(retentionSeconds),
            k.conversation(""),
            String(conversation.createdAt),
          ],
        ),
      );
      const stored = await store.getConversation(id);
      if (!stored) throw new Error(`conversation ${id} vanished while being opened`);
      return stored;
    },
    async getConversation(id) {
      if (!id) return null;
      const h = await client.hmGet(k.conversation(id), ["doc", "rev"]);
      const doc = parse<Conversation>(h[0]);
      return doc ? { ...doc, rev: Number(h[1]) } : null;
    },
    async findVisitorConversation(siteKey, visitorId) {
      return client.get(k.visitorConversation(siteKey, visitorId));
    },
    async updateConversation(next, previousRepId) {
      return (await store.updateConversationSaying(next, previousRepId, []))?.conversation ?? null;
    },
    async updateConversationSaying(next, previousRepId, lines, firstSeq) {
      const { rev, ...doc } = next;
      const rep = next.repId ?? "";
      const reply = (await run(
        "writeConversation",
        [
          k.conversation(next.id),
          k.queue(next.siteKey),
          k.repConversations(rep || "-"),
          k.visitorConversation(next.siteKey, next.visitorId),
          k.repConversations(previousRepId || "-"),
          k.visitorConversations(next.siteKey, next.visitorId),
          k.notes(next.id),
          k.conversationEmailIndexes(next.id),
          k.messages(next.id),
          k.clientIds(next.id),
          k.seq(next.id),
          ...subjectEmails(next).map(k.emailConversations),
        ],
        [
          String(rev),
          JSON.stringify(doc),
          next.status,
          next.id,
          String(next.queuedAt ?? 0),
          rep,
          String(retentionSeconds),
          previousRepId ?? "",
          firstSeq === undefined ? "" : String(firstSeq),
          ...appendArgs(lines),
        ],
      )) as number | (number | string)[];
      if (!Array.isArray(reply)) return null;
      return { conversation: { ...next, rev: Number(reply[0]) }, said: appended(lines, reply) };
    },
    async listQueue(siteKey) {
      const ids = await client.zRange(k.queue(siteKey), 0, -1);
      const gone = await expired(ids);
      if (gone.length > 0) await client.zRem(k.queue(siteKey), gone);
      return ids.filter((id) => !gone.includes(id));
    },
    async listConversations(siteKey, limit) {
      const ids = await client.zRange(k.siteConversations(siteKey), 0, limit - 1, { REV: true });
      const gone = await expired(ids);
      if (gone.length > 0) await client.zRem(k.siteConversations(siteKey), gone);
      const all = await Promise.all(ids.filter((id) => !gone.includes(id)).map((id) => store.getConversation(id)));
      return all.filter((c): c is Conversation => c !== null);
    },
    async listRepConversations(repId) {
      const ids = (await client.sMembers(k.repConversations(repId))).sort();
      const gone = await expired(ids);
      if (gone.length > 0) await client.sRem(k.repConversations(repId), gone);
      return ids.filter((id) => !gone.includes(id));
    },

    async listVisitorConversations(siteKey, visitorId) {
      const [all, latest] = await Promise.all([
        client.sMembers(k.visitorConversations(siteKey, visitorId)),
        client.get(k.visitorConversation(siteKey, visitorId)),
      ]);
      const ids = [...new Set([...all, ...(latest ? [latest] : [])])].sort();
      const gone = await expired(ids);
      return ids.filter((id) => !gone.includes(id));
    },
    async listEmailConversations(email) {
      const ids = (await client.sMembers(k.emailConversations(email))).sort();
      const gone = await expired(ids);
      if (gone.length > 0) await client.sRem(k.emailConversations(email), gone);
      return ids.filter((id) => !gone.includes(id));
    },

    async eraseVisitor(siteKey, visitorId) {
      const erased = new Set<string>();
      const reps = await client.sMembers(k.users());
      // A conversation the visitor opens meanwhile joins the index: go round until the index is empty. Only the
      // ids erased are taken off it, so such a newcomer stays listed for the next round.
      for (let round = 0; round < 10; round++) {
        const [all, latest] = await Promise.all([
          client.sMembers(k.visitorConversations(siteKey, visitorId)),
          client.get(k.visitorConversation(siteKey, visitorId)),
        ]);
        const ids = [...new Set([...all, ...(latest ? [latest] : [])])].sort();
        // Every rep's live set, and the conversation's own rep even if their account is gone.
        const docs = await Promise.all(ids.map((id) => store.getConversation(id)));
        const holders = [...new Set([...reps, ...docs.flatMap((c) => (c?.repId ? [c.repId] : []))])];
        // Webhook deliveries about them, sent or not: their bodies hold the lead card.
        const hooked = (await Promise.all(ids.map((id) => client.sMembers(k.conversationDeliveries(id))))).flat();
        // Every email index they were ever added to, an email they no longer have included (a replaced identify).
        const indexed = await Promise.all(ids.map((id) => client.sMembers(k.conversationEmailIndexes(id))));
        const m = client.multi();
        if (hooked.length > 0) m.del(hooked.map(k.webhookDelivery)).zRem(k.webhookDue(), hooked);
        for (const id of ids) {
          m.del([k.conversation(id), k.messages(id), k.clientIds(id), k.seq(id), k.notes(id)]);
          // Its page:view and identify counter names it too.
          m.del(k.rate(visitorEventsKey(id)));
          m.zRem(k.siteConversations(siteKey), id);
          m.zRem(k.queue(siteKey), id);
          m.zRem(k.due(), [`offer|${id}`, `wait|${id}`]);
          for (const rep of holders) m.sRem(k.repConversations(rep), id);
          erased.add(id);
        }
        // The email indexes name these conversations: an empty set is deleted by Redis itself. The emails each has
        // now too, for a conversation written before its email indexes were recorded.
        ids.forEach((id, i) => {
          const c = docs[i];
          const current = c ? subjectEmails(c).map(k.emailConversations) : [];
          for (const key of new Set([...(indexed[i] ?? []), ...current])) m.sRem(key, id);
        });
        if (all.length > 0) m.sRem(k.visitorConversations(siteKey, visitorId), all);
        m.del([k.visitorConversation(siteKey, visitorId), k.rate(visitorMessagesKey(siteKey, visitorId))]);
        await m.exec();
        // A delivery enqueued, or an email index joined, after the reads above and before the conversation went is
        // found now: with the conversation gone no more can be (enqueue-delivery and update-conversation check it
        // in the same step).
        const late = await Promise.all(ids.map((id) => client.sMembers(k.conversationDeliveries(id))));
        const lateIndexed = await Promise.all(ids.map((id) => client.sMembers(k.conversationEmailIndexes(id))));
        const cleanup = client.multi();
        if (late.flat().length > 0) cleanup.del(late.flat().map(k.webhookDelivery)).zRem(k.webhookDue(), late.flat());
        ids.forEach((id, i) => {
          for (const key of lateIndexed[i] ?? []) cleanup.sRem(key, id);
        });
        if (ids.length > 0) cleanup.del([...ids.map(k.conversationDeliveries), ...ids.map(k.conversationEmailIndexes)]);
        await cleanup.exec();
        if (ids.length === 0) break;
      }
      return [...erased].sort();
    },

    async appendMessage(draft: MessageDraft): Promise<AppendResult> {
      return (await store.appendMessages([draft]))[0] as AppendResult;
    },
    async appendMessages(drafts: MessageDraft[]): Promise<AppendResult[]> {
      const id = drafts[0]?.conversationId;
      if (id === undefined) return [];
      const unused = k.repConversations("-");
      const reply = (await run(
        "writeConversation",
        [
          k.conversation(id),
          ...Array<string>(6).fill(unused),
          k.conversationEmailIndexes(id),
          k.messages(id),
          k.clientIds(id),
          k.seq(id),
        ],
        ["", "", "", "", "", "", String(retentionSeconds), "", "", ...appendArgs(drafts)],
      )) as (number | string)[];
      return appended(drafts, reply);
    },
    async listMessages(conversationId, afterSeq, limit = maxMessagesPerRead) {
      const rows = await client.zRangeWithScores(k.messages(conversationId), `(${afterSeq}`, "+inf", {
        BY: "SCORE",
        LIMIT: { offset: 0, count: limit },
      });
      return rows.map((r) => ({ ...(JSON.parse(r.value) as MessageDraft), seq: r.score }) as Message);
    },
    async findMessage(conversationId, clientId) {
      const seq = await client.hGet(k.clientIds(conversationId), clientId);
      if (seq === null || seq === undefined) return null;
      return (await store.listMessages(conversationId, Number(seq) - 1, 1))[0] ?? null;
    },
    async lastSeq(conversationId) {
      return Number((await client.get(k.seq(conversationId))) ?? 0);
    },

    async addNote(note, max) {
      const id = note.conversationId;
      const added = Number(
        await run("addNote", [k.notes(id), k.conversation(id)], [JSON.stringify(note), String(max)]),
      );
      return added === 1 ? "added" : added === -1 ? "full" : "missing";
    },
    async listNotes(conversationId) {
      return (await client.lRange(k.notes(conversationId), 0, -1)).map((json) => JSON.parse(json) as Note);
    },

    async hit(key, limit, windowMs) {
      return store.hits([{ key, limit, windowMs }]);
    },
    async hits(checks) {
      const [allowed, wait] = (await run(
        "rateLimit",
        checks.map((c) => k.rate(c.key)),
        checks.flatMap((c) => [String(c.limit), String(c.windowMs)]),
      )) as [number, number];
      return { allowed: Number(allowed) === 1, retryAfterMs: Number(wait) };
    },
    async acquireSlot(key, holder, max, now, expiresAt) {
      const args = [String(max), holder, String(now), String(expiresAt)];
      return Number(await run("acquireSlot", [k.slots(key)], args)) === 1;
    },
    async releaseSlot(key, holder) {
      await client.zRem(k.slots(key), holder);
    },

    async setRepStatus(repId, status) {
      await client.hSet(k.presenceStatus(), repId, status);
    },
    async touchRepTab(repId, tabId, expiresAt) {
      await client.zAdd(k.presenceTabs(), { score: expiresAt, value: `${repId}|${tabId}` });
    },
    async dropRepTab(repId, tabId) {
      await client.zRem(k.presenceTabs(), `${repId}|${tabId}`);
    },
    async expireRepTabs(now) {
      return (await run("expireTabs", [k.presenceTabs()], [String(now)])) as string[];
    },
    async presence(now) {
      const [users, tabs, status, offered] = await Promise.all([
        store.listUsers(),
        client.zRangeByScore(k.presenceTabs(), `(${now}`, "+inf"),
        client.hGetAll(k.presenceStatus()),
        client.hGetAll(k.presenceOffered()),
      ]);
      const online = new Set(tabs.map((t) => t.split("|")[0]));
      return users.map((u) => ({
        repId: u.id,
        // A rep who never chose is available while their console is open.
        status: status[u.id] === "away" ? "away" : "available",
        online: online.has(u.id),
        lastOfferedAt: Number(offered[u.id] ?? 0),
      }));
    },
    async markOffered(repId, at) {
      await client.hSet(k.presenceOffered(), repId, String(at));
    },

    async scheduleDue(kind, conversationId, at) {
      await client.zAdd(k.due(), { score: at, value: `${kind}|${conversationId}` });
    },
    async cancelDue(kind, conversationId) {
      await client.zRem(k.due(), `${kind}|${conversationId}`);
    },
    async takeDue(now, limit) {
      const taken = (await run("takeDue", [k.due()], [String(now), String(limit)])) as string[];
      return taken.map((m) => {
        const [kind, conversationId] = m.split("|");
        return { kind: kind as DueKind, conversationId: conversationId ?? "" };
      });
    },

    async addWebhook(endpoint, max) {
      const keyList = [k.webhook(endpoint.siteKey, endpoint.id), k.webhooks(endpoint.siteKey)];
      return Number(await run("addWebhook", keyList, [endpoint.id, JSON.stringify(endpoint), String(max)])) === 1;
    },
    async updateWebhook(siteKey, id, change) {
      return updateRecord<WebhookEndpoint>(k.webhook(siteKey, id), (e) => {
        const next = change(e);
        return next && { ...next, id, siteKey };
      });
    },
    async getWebhook(siteKey, id) {
      return parse<WebhookEndpoint>(await client.get(k.webhook(siteKey, id)));
    },
    async listWebhooks(siteKey) {
      const all = await getMany<WebhookEndpoint>(await client.sMembers(k.webhooks(siteKey)), (id) =>
        k.webhook(siteKey, id),
      );
      return all.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async removeWebhook(siteKey, id) {
      const logged = await client.zRange(k.webhookLog(siteKey, id), 0, -1);
      const m = client.multi().del(k.webhook(siteKey, id)).sRem(k.webhooks(siteKey), id).del(k.webhookLog(siteKey, id));
      if (logged.length > 0) m.del(logged.map(k.webhookDelivery)).zRem(k.webhookDue(), logged);
      const [deleted] = (await m.exec()) as unknown as [number];
      return Number(deleted) > 0;
    },

    async enqueueDelivery(d, keep) {
      const keyList = [
        k.webhookDelivery(d.id),
        k.webhookDue(),
        k.webhookLog(d.siteKey, d.endpointId),
        k.conversationDeliveries(d.conversationId ?? "-"),
        k.conversation(d.conversationId ?? "-"),
      ];
      const args = [
        d.id,
        JSON.stringify(d),
        String(d.nextAttemptAt ?? d.createdAt),
        String(d.createdAt),
        String(keep),
        String(retentionSeconds),
        k.webhookDelivery(""),
        d.conversationId ? "1" : "",
      ];
      return Number(await run("enqueueDelivery", keyList, args)) === 1;
    },
    async getDelivery(id) {
      return parse<WebhookDelivery>(await client.get(k.webhookDelivery(id)));
    },
    async claimDeliveries(now, leaseUntil, limit) {
      const ids = (await run(
        "claimDeliveries",
        [k.webhookDue()],
        [String(now), String(leaseUntil), String(limit)],
      )) as string[];
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map(k.webhookDelivery));
      // A record that expired or was trimmed off its log leaves a due entry behind: it is dropped when found.
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length > 0) await client.zRem(k.webhookDue(), gone);
      return values.flatMap((v) => {
        const delivery = parse<WebhookDelivery>(v);
        return delivery ? [{ delivery, claim: leaseUntil }] : [];
      });
    },
    async finishDelivery(d, claim) {
      const next = d.status === "pending" && d.nextAttemptAt !== undefined ? String(d.nextAttemptAt) : "";
      const args = [d.id, String(claim), JSON.stringify(d), next, String(retentionSeconds)];
      return Number(await run("finishDelivery", [k.webhookDelivery(d.id), k.webhookDue()], args)) === 1;
    },
    async listDeliveries(siteKey, endpointId, limit) {
      const ids = await client.zRange(k.webhookLog(siteKey, endpointId), 0, limit - 1, { REV: true });
      return getMany<WebhookDelivery>(ids, k.webhookDelivery);
    },
    async deliveryBacklog() {
      return client.zCard(k.webhookDue());
    },

    async recordAccept(siteKey, waitedMs) {
      // A lost update between two simultaneous accepts only nudges an average: no script needed.
      const previous = await store.averageAccept(siteKey);
      await client.set(k.acceptAverage(siteKey), String(Math.round(nextAverage(previous, waitedMs))));
    },
    async averageAccept(siteKey) {
      const v = await client.get(k.acceptAverage(siteKey));
      return v === null ? null : Number(v);
    },

    isAvailable: () => client.isReady,
    async ping() {
      try {
        return client.isReady && (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },

    async getOrCreateSecret(name, create) {
      await client.set(k.secret(name), create(), { condition: "NX" });
      return (await client.get(k.secret(name))) ?? "";
    },

    async close() {
      closing = true;
      unwatch();
      await client.close();
    },
  };
  return store;
}
