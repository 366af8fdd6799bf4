// The embedded store for trying Banter out: one process, nothing kept across restarts. Same contract as Redis.
import type { Playbook } from "../../shared/engine/index.ts";
import type { Message, Note, WidgetLoad } from "../../shared/protocol/index.ts";
import { nextAverage } from "../../shared/routing/index.ts";
import { visitorEventsKey, visitorMessagesKey } from "../limits.ts";
import { normalEmail, subjectEmails } from "./subject.ts";
import {
  type ApiKey,
  type AppendResult,
  type Conversation,
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

interface Thread {
  messages: Message[];
  seqByClientId: Map<string, number>;
}

export function createMemoryStore(now: () => number = Date.now): Store {
  const sites = new Map<string, Site>();
  const widgetLoads = new Map<string, WidgetLoad>();
  const playbooks = new Map<string, Playbook>();
  const latestVersion = new Map<string, number>();
  const published = new Map<string, Map<number, number>>();
  const users = new Map<string, User>();
  const authSessions = new Map<string, { userId: string; expiresAt: number }>();
  const invites = new Map<string, Invite>();
  const conversations = new Map<string, Conversation>();
  const visitorIndex = new Map<string, string>();
  const visitorAll = new Map<string, Set<string>>();
  const queues = new Map<string, Map<string, number>>();
  const repLive = new Map<string, Set<string>>();
  const threads = new Map<string, Thread>();
  const secrets = new Map<string, string>();
  const windows = new Map<string, { count: number; endsAt: number }>();
  const slots = new Map<string, Map<string, number>>();
  const repStatus = new Map<string, "available" | "away">();
  const tabs = new Map<string, number>();
  const offered = new Map<string, number>();
  const due = new Map<string, number>();
  const acceptAverage = new Map<string, number>();
  const siteConversations = new Map<string, Map<string, number>>();
  const notes = new Map<string, Note[]>();
  const apiKeys = new Map<string, ApiKey>();
  const emailIndex = new Map<string, Set<string>>();
  // Every email a conversation was ever indexed under (its email can change: a replaced identify), for erasure.
  const indexedEmails = new Map<string, Set<string>>();
  const indexEmails = (c: Conversation) => {
    for (const email of subjectEmails(c)) {
      setOf(emailIndex, email, () => new Set<string>()).add(c.id);
      setOf(indexedEmails, c.id, () => new Set<string>()).add(email);
    }
  };
  const webhooks = new Map<string, Map<string, WebhookEndpoint>>();
  const deliveries = new Map<string, WebhookDelivery>();
  // Delivery ids by endpoint ("site|endpoint"), oldest first; due times by delivery id.
  const deliveryLogs = new Map<string, string[]>();
  const deliveryDue = new Map<string, number>();

  // Stored values are copied in and out, as with Redis, so callers can never mutate what is stored.
  const copy = <T>(v: T): T => structuredClone(v);
  const setOf = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    const found = map.get(key);
    if (found !== undefined) return found;
    const made = make();
    map.set(key, made);
    return made;
  };

  // The writes of a conversation and its messages, synchronous so that one store call can do several of them
  // with nothing else in between.
  function updateNow(next: Conversation, previousRepId?: string): Conversation | null {
    if ((conversations.get(next.id)?.rev ?? 0) !== next.rev) return null;
    const stored = { ...copy(next), rev: next.rev + 1 };
    conversations.set(next.id, stored);
    indexEmails(stored);
    const queue = setOf(queues, next.siteKey, () => new Map<string, number>());
    if (next.status === "queued") queue.set(next.id, next.queuedAt ?? 0);
    else queue.delete(next.id);
    if (next.repId) {
      const live = setOf(repLive, next.repId, () => new Set<string>());
      if (next.status === "live") live.add(next.id);
      else live.delete(next.id);
    }
    if (previousRepId && (previousRepId !== next.repId || next.status !== "live")) {
      repLive.get(previousRepId)?.delete(next.id);
    }
    return copy(stored);
  }

  function appendNow(draft: MessageDraft): AppendResult {
    const thread = setOf(threads, draft.conversationId, () => ({ messages: [], seqByClientId: new Map() }));
    const seen = thread.seqByClientId.get(draft.clientId);
    if (seen !== undefined) {
      return { message: copy(thread.messages[seen - 1] as Message), duplicate: true };
    }
    const message: Message = { ...copy(draft), seq: thread.messages.length + 1 };
    thread.messages.push(message);
    thread.seqByClientId.set(draft.clientId, message.seq);
    return { message: copy(message), duplicate: false };
  }

  const store: Store = {
    kind: "memory",

    async putSite(site) {
      sites.set(site.key, copy(site));
    },
    async updateSite(key, change) {
      const current = sites.get(key);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      const stored = { ...copy(next), key, rev: (current.rev ?? 0) + 1 };
      sites.set(key, stored);
      return copy(stored);
    },
    async getSite(key) {
      const s = sites.get(key);
      return s ? copy(s) : null;
    },
    async listSites() {
      return [...sites.values()].sort((a, b) => a.key.localeCompare(b.key)).map(copy);
    },
    async recordWidgetLoad(siteKey, load) {
      widgetLoads.set(siteKey, copy(load));
    },
    async lastWidgetLoad(siteKey) {
      const load = widgetLoads.get(siteKey);
      return load ? copy(load) : null;
    },

    async putPlaybook(playbook, publishedAt = now()) {
      playbooks.set(`${playbook.id}:${playbook.version}`, copy(playbook));
      if (!latestVersion.has(playbook.id)) latestVersion.set(playbook.id, playbook.version);
      const times = published.get(playbook.id) ?? new Map<number, number>();
      if (!times.has(playbook.version)) times.set(playbook.version, publishedAt);
      published.set(playbook.id, times);
    },
    async listPlaybookVersions(id) {
      return [...(published.get(id) ?? new Map<number, number>())]
        .map(([version, publishedAt]) => ({ version, publishedAt }))
        .sort((a, b) => b.version - a.version);
    },
    async nextPlaybookVersion(id) {
      const next = (latestVersion.get(id) ?? 0) + 1;
      latestVersion.set(id, next);
      return next;
    },
    async getPlaybook(id, version) {
      const p = playbooks.get(`${id}:${version}`);
      return p ? copy(p) : null;
    },

    async putUser(user) {
      if ([...users.values()].some((u) => u.email === user.email && u.id !== user.id)) return false;
      users.set(user.id, copy(user));
      return true;
    },
    async updateUser(id, change) {
      const current = users.get(id);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      // The id and email are what the indexes point by: an update never moves them.
      const stored = { ...copy(next), id, email: current.email, rev: (current.rev ?? 0) + 1 };
      users.set(id, stored);
      return copy(stored);
    },
    async getUser(id) {
      const u = users.get(id);
      return u ? copy(u) : null;
    },
    async getUserByEmail(email) {
      const u = [...users.values()].find((x) => x.email === email);
      return u ? copy(u) : null;
    },
    async countUsers() {
      return users.size;
    },
    async listUsers() {
      return [...users.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copy);
    },
    async removeUser(id) {
      users.delete(id);
      repStatus.delete(id);
      offered.delete(id);
    },

    async putAuthSession(tokenHash, userId, ttlSeconds) {
      authSessions.set(tokenHash, { userId, expiresAt: now() + ttlSeconds * 1000 });
    },
    async getAuthSession(tokenHash) {
      const s = authSessions.get(tokenHash);
      if (!s) return null;
      if (s.expiresAt <= now()) {
        authSessions.delete(tokenHash);
        return null;
      }
      return s.userId;
    },
    async deleteAuthSession(tokenHash) {
      authSessions.delete(tokenHash);
    },
    async endAuthSessions(userId, keepTokenHash) {
      for (const [hash, s] of authSessions) {
        if (s.userId === userId && hash !== keepTokenHash) authSessions.delete(hash);
      }
    },

    async putInvite(invite) {
      invites.set(invite.tokenHash, copy(invite));
    },
    async findInvite(tokenHash) {
      const invite = invites.get(tokenHash);
      if (invite && invite.expiresAt <= now()) invites.delete(tokenHash);
      return invite && invite.expiresAt > now() ? copy(invite) : null;
    },
    // No await between the read and the delete: one caller gets it, as with GETDEL.
    async takeInvite(tokenHash) {
      const invite = invites.get(tokenHash);
      invites.delete(tokenHash);
      return invite && invite.expiresAt > now() ? copy(invite) : null;
    },
    async listInvites() {
      for (const [hash, i] of invites) if (i.expiresAt <= now()) invites.delete(hash);
      return [...invites.values()].sort((a, b) => b.createdAt - a.createdAt).map(copy);
    },
    async revokeInvite(id) {
      const invite = [...invites.values()].find((i) => i.id === id);
      return invite ? invites.delete(invite.tokenHash) : false;
    },

    async putApiKey(key) {
      const { lastUsedAt: _used, ...record } = key;
      apiKeys.set(key.hash, copy(record));
    },
    async findApiKey(hash) {
      const key = apiKeys.get(hash);
      return key ? copy(key) : null;
    },
    async listApiKeys() {
      return [...apiKeys.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)).map(copy);
    },
    async revokeApiKey(id) {
      const key = [...apiKeys.values()].find((k) => k.id === id);
      return key ? apiKeys.delete(key.hash) : false;
    },
    async touchApiKey(id, at) {
      const key = [...apiKeys.values()].find((k) => k.id === id);
      if (key) key.lastUsedAt = at;
    },

    async createConversation(conversation) {
      const indexKey = `${conversation.siteKey}:${conversation.visitorId}`;
      const existing = conversations.get(visitorIndex.get(indexKey) ?? "");
      if (existing && existing.status !== "closed") return copy(existing);
      visitorIndex.set(indexKey, conversation.id);
      setOf(visitorAll, indexKey, () => new Set<string>()).add(conversation.id);
      const stored = { ...copy(conversation), rev: 1 };
      conversations.set(conversation.id, stored);
      indexEmails(stored);
      setOf(siteConversations, conversation.siteKey, () => new Map<string, number>()).set(
        conversation.id,
        conversation.createdAt,
      );
      return copy(stored);
    },
    async getConversation(id) {
      const c = conversations.get(id);
      return c ? copy(c) : null;
    },
    async findVisitorConversation(siteKey, visitorId) {
      return visitorIndex.get(`${siteKey}:${visitorId}`) ?? null;
    },
    async updateConversation(next, previousRepId) {
      return updateNow(next, previousRepId);
    },
    // Checked and written without an await in between: as atomic as the Redis script.
    async updateConversationSaying(next, previousRepId, lines, firstSeq) {
      if (firstSeq !== undefined) {
        const thread = threads.get(next.id);
        const first = lines[0];
        if (!first || thread?.seqByClientId.has(first.clientId)) return null;
        if ((thread?.messages.length ?? 0) + 1 !== firstSeq) return null;
      }
      const conversation = updateNow(next, previousRepId);
      return conversation ? { conversation, said: lines.map(appendNow) } : null;
    },
    async listQueue(siteKey) {
      const queue = queues.get(siteKey) ?? new Map<string, number>();
      return [...queue.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
    },
    async listConversations(siteKey, limit) {
      const all = [...(siteConversations.get(siteKey) ?? new Map<string, number>()).entries()];
      return all
        .sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))
        .slice(0, limit)
        .flatMap(([id]) => {
          const c = conversations.get(id);
          return c ? [copy(c)] : [];
        });
    },
    async listRepConversations(repId) {
      return [...(repLive.get(repId) ?? [])].sort();
    },
    async listVisitorConversations(siteKey, visitorId) {
      const indexKey = `${siteKey}:${visitorId}`;
      const latest = visitorIndex.get(indexKey);
      const ids = [...new Set([...(visitorAll.get(indexKey) ?? []), ...(latest ? [latest] : [])])];
      return ids.filter((id) => conversations.has(id)).sort();
    },
    async listEmailConversations(email) {
      return [...(emailIndex.get(normalEmail(email)) ?? [])].filter((id) => conversations.has(id)).sort();
    },
    async eraseVisitor(siteKey, visitorId) {
      const indexKey = `${siteKey}:${visitorId}`;
      const latest = visitorIndex.get(indexKey);
      const ids = [...new Set([...(visitorAll.get(indexKey) ?? []), ...(latest ? [latest] : [])])].sort();
      for (const id of ids) {
        for (const email of indexedEmails.get(id) ?? []) {
          emailIndex.get(email)?.delete(id);
          if (emailIndex.get(email)?.size === 0) emailIndex.delete(email);
        }
        indexedEmails.delete(id);
        conversations.delete(id);
        threads.delete(id);
        notes.delete(id);
        siteConversations.get(siteKey)?.delete(id);
        queues.get(siteKey)?.delete(id);
        for (const live of repLive.values()) live.delete(id);
        due.delete(`offer|${id}`);
        due.delete(`wait|${id}`);
        windows.delete(visitorEventsKey(id));
      }
      for (const d of [...deliveries.values()]) {
        if (!d.conversationId || !ids.includes(d.conversationId)) continue;
        deliveries.delete(d.id);
        deliveryDue.delete(d.id);
      }
      visitorIndex.delete(indexKey);
      visitorAll.delete(indexKey);
      windows.delete(visitorMessagesKey(siteKey, visitorId));
      return ids;
    },

    async appendMessage(draft: MessageDraft) {
      return appendNow(draft);
    },
    async appendMessages(drafts) {
      return drafts.map(appendNow);
    },
    async listMessages(conversationId, afterSeq, limit = maxMessagesPerRead) {
      const all = threads.get(conversationId)?.messages ?? [];
      return all.slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + limit).map(copy);
    },
    async findMessage(conversationId, clientId) {
      const thread = threads.get(conversationId);
      const seq = thread?.seqByClientId.get(clientId);
      return seq === undefined ? null : copy(thread?.messages[seq - 1] as Message);
    },
    async lastSeq(conversationId) {
      return threads.get(conversationId)?.messages.length ?? 0;
    },

    async addNote(note, max) {
      if (!conversations.has(note.conversationId)) return "missing";
      const list = setOf(notes, note.conversationId, () => []);
      if (list.length >= max) return "full";
      list.push(copy(note));
      return "added";
    },
    async listNotes(conversationId) {
      return (notes.get(conversationId) ?? []).map(copy);
    },

    async hit(key, limit, windowMs) {
      const t = now();
      // Expired windows are dropped now and then, so the map stays as small as the traffic of one window.
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.endsAt <= t) windows.delete(k);
      const w = windows.get(key);
      const current = w && w.endsAt > t ? w : { count: 0, endsAt: t + windowMs };
      current.count++;
      windows.set(key, current);
      return current.count > limit
        ? { allowed: false, retryAfterMs: current.endsAt - t }
        : { allowed: true, retryAfterMs: 0 };
    },
    async hits(checks) {
      for (const c of checks) {
        const r = await store.hit(c.key, c.limit, c.windowMs);
        if (!r.allowed) return r;
      }
      return { allowed: true, retryAfterMs: 0 };
    },
    async acquireSlot(key, holder, max, t, expiresAt) {
      const holders = setOf(slots, key, () => new Map<string, number>());
      for (const [h, e] of holders) if (e <= t) holders.delete(h);
      if (holders.size >= max) return false;
      holders.set(holder, expiresAt);
      return true;
    },
    async releaseSlot(key, holder) {
      slots.get(key)?.delete(holder);
      if (slots.get(key)?.size === 0) slots.delete(key);
    },

    async setRepStatus(repId, status) {
      repStatus.set(repId, status);
    },
    async touchRepTab(repId, tabId, expiresAt) {
      tabs.set(`${repId}|${tabId}`, expiresAt);
    },
    async dropRepTab(repId, tabId) {
      tabs.delete(`${repId}|${tabId}`);
    },
    async expireRepTabs(t) {
      const gone = new Set<string>();
      for (const [member, expiresAt] of tabs) {
        if (expiresAt > t) continue;
        tabs.delete(member);
        gone.add(member.split("|")[0] ?? "");
      }
      const online = new Set([...tabs.keys()].map((m) => m.split("|")[0]));
      return [...gone].filter((r) => !online.has(r));
    },
    async presence(t) {
      const online = new Set([...tabs.entries()].filter(([, e]) => e > t).map(([m]) => m.split("|")[0]));
      return [...users.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((u) => ({
          repId: u.id,
          status: repStatus.get(u.id) ?? "available",
          online: online.has(u.id),
          lastOfferedAt: offered.get(u.id) ?? 0,
        }));
    },
    async markOffered(repId, at) {
      offered.set(repId, at);
    },

    async scheduleDue(kind, conversationId, at) {
      due.set(`${kind}|${conversationId}`, at);
    },
    async cancelDue(kind, conversationId) {
      due.delete(`${kind}|${conversationId}`);
    },
    async takeDue(t, limit) {
      const ready = [...due.entries()]
        .filter(([, at]) => at <= t)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      return ready.map(([member]) => {
        due.delete(member);
        const [kind, conversationId] = member.split("|");
        return { kind: kind as DueKind, conversationId: conversationId ?? "" };
      });
    },

    async addWebhook(endpoint, max) {
      const site = setOf(webhooks, endpoint.siteKey, () => new Map<string, WebhookEndpoint>());
      if (site.size >= max) return false;
      site.set(endpoint.id, copy(endpoint));
      return true;
    },
    async updateWebhook(siteKey, id, change) {
      const current = webhooks.get(siteKey)?.get(id);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      const stored = { ...copy(next), id, siteKey, rev: (current.rev ?? 0) + 1 };
      webhooks.get(siteKey)?.set(id, stored);
      return copy(stored);
    },
    async getWebhook(siteKey, id) {
      const e = webhooks.get(siteKey)?.get(id);
      return e ? copy(e) : null;
    },
    async listWebhooks(siteKey) {
      return [...(webhooks.get(siteKey)?.values() ?? [])]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(copy);
    },
    async removeWebhook(siteKey, id) {
      const removed = webhooks.get(siteKey)?.delete(id) ?? false;
      for (const d of deliveryLogs.get(`${siteKey}|${id}`) ?? []) {
        deliveries.delete(d);
        deliveryDue.delete(d);
      }
      deliveryLogs.delete(`${siteKey}|${id}`);
      return removed;
    },

    async enqueueDelivery(d, keep) {
      if (deliveries.has(d.id)) return false;
      // As with Redis: nothing is enqueued about a conversation that is gone (erased).
      if (d.conversationId && !conversations.has(d.conversationId)) return false;
      deliveries.set(d.id, copy(d));
      deliveryDue.set(d.id, d.nextAttemptAt ?? d.createdAt);
      const log = setOf(deliveryLogs, `${d.siteKey}|${d.endpointId}`, () => []);
      log.push(d.id);
      for (const old of log.splice(0, Math.max(0, log.length - keep))) {
        deliveries.delete(old);
        deliveryDue.delete(old);
      }
      return true;
    },
    async getDelivery(id) {
      const d = deliveries.get(id);
      return d ? copy(d) : null;
    },
    async claimDeliveries(t, leaseUntil, limit) {
      const ready = [...deliveryDue.entries()]
        .filter(([, at]) => at <= t)
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, limit);
      return ready.flatMap(([id]) => {
        const delivery = deliveries.get(id);
        if (!delivery) {
          deliveryDue.delete(id);
          return [];
        }
        deliveryDue.set(id, leaseUntil);
        return [{ delivery: copy(delivery), claim: leaseUntil }];
      });
    },
    async finishDelivery(d, claim) {
      if (deliveryDue.get(d.id) !== claim) return false;
      if (!deliveries.has(d.id)) {
        deliveryDue.delete(d.id);
        return false;
      }
      deliveries.set(d.id, copy(d));
      if (d.status === "pending" && d.nextAttemptAt !== undefined) deliveryDue.set(d.id, d.nextAttemptAt);
      else deliveryDue.delete(d.id);
      return true;
    },
    async listDeliveries(siteKey, endpointId, limit) {
      return (deliveryLogs.get(`${siteKey}|${endpointId}`) ?? [])
        .slice(-limit)
        .reverse()
        .flatMap((id) => {
          const d = deliveries.get(id);
          return d ? [copy(d)] : [];
        });
    },
    async deliveryBacklog() {
      return deliveryDue.size;
    },

    async recordAccept(siteKey, waitedMs) {
      acceptAverage.set(siteKey, nextAverage(acceptAverage.get(siteKey) ?? null, waitedMs));
    },
    async averageAccept(siteKey) {
      const v = acceptAverage.get(siteKey);
      return v === undefined ? null : Math.round(v);
    },

    isAvailable: () => true,
    ping: async () => true,

    async getOrCreateSecret(name, create) {
      return setOf(secrets, name, create);
    },

    async close() {},
  };
  return store;
}
