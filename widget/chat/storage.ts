import { readSource } from "../../shared/leads/source.ts";
import { type ActivityReport, behaviourStorage } from "../../shared/protocol/behaviour.ts";
import type { PendingTrigger } from "../../shared/protocol/engage.ts";
import { type IdentifyRequest, type LeadSource, Limits } from "../../shared/protocol/index.ts";
import { checkedIdentity } from "./identity.ts";
// The visitor token proves "same visitor" across reloads. localStorage throws in some sandboxed iframes and
// privacy modes; the token then lives in memory, so reconnects keep the conversation and only a reload starts
// afresh.
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

export function visitorTokenStore(siteKey: string): TokenStore {
  const key = `banter:${siteKey}:visitor`;
  let memory: string | undefined;
  return {
    get() {
      try {
        return localStorage.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    set(token) {
      memory = token;
      try {
        localStorage.setItem(key, token);
      } catch {}
    },
    clear() {
      memory = undefined;
      try {
        localStorage.removeItem(key);
      } catch {}
    },
  };
}

// Whether this visitor has a conversation still going (not closed): the loader connects a returning visitor in
// the background only then, so an ended chat costs no socket on every page view.
export function markLive(siteKey: string, live: boolean): void {
  try {
    if (live) localStorage.setItem(`banter:${siteKey}:live`, "1");
    else localStorage.removeItem(`banter:${siteKey}:live`);
  } catch {}
}

// The pages the loader saw this visitor open on the site (newest last), sent with the join for the lead card.
export function pagesSeen(siteKey: string): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(`banter:${siteKey}:pages`) ?? "[]");
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === "string").slice(-10) : [];
  } catch {
    return [];
  }
}

// What the loader stored as JSON under banter:SITE_KEY:NAME: an object of strings (one level of nesting for the
// UTMs), or undefined. The server checks lengths and fields again; this only keeps junk off the wire.
function storedObject(siteKey: string, name: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(`banter:${siteKey}:${name}`) ?? "null");
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// The visit's lead source, from the first page of the visit and its referrer as the loader kept them.
export function visitSource(siteKey: string): LeadSource | undefined {
  const o = storedObject(siteKey, "source");
  if (typeof o?.landingPage !== "string") return undefined;
  return readSource(o.landingPage, typeof o.referrer === "string" ? o.referrer : "");
}

// The host page's last Banter('identify', ...) as the loader stored it, checked.
export function storedIdentity(siteKey: string): IdentifyRequest | undefined {
  const o = storedObject(siteKey, "identity");
  return o ? checkedIdentity(o) : undefined;
}

// A teaser the visitor clicked, as the engage chunk left it (shared/protocol/engage.ts PendingTrigger): taken while
// fresh (10 minutes) and well formed; a question id or reply that is not is left out, anything else drops it.
export function pendingTrigger(siteKey: string): PendingTrigger | undefined {
  const o = storedObject(siteKey, "trigger");
  const { id, startAt, reply, at } = o ?? {};
  const age = Date.now() - (typeof at === "number" ? at : Number.NaN);
  if (typeof id !== "string" || !/^[a-z0-9]{12}$/.test(id) || !(age >= -60_000 && age < 600_000)) return undefined;
  const t: PendingTrigger = { id, at: at as number };
  if (typeof startAt === "string" && /^[a-z0-9][a-z0-9_-]{0,39}$/.test(startAt)) t.startAt = startAt;
  if (typeof reply === "string" && reply.trim() && reply.length <= Limits.messageText) t.reply = reply.trim();
  return t;
}

export function dropTrigger(siteKey: string): void {
  try {
    localStorage.removeItem(`banter:${siteKey}:trigger`);
  } catch {}
}

function storedJson(siteKey: string, name: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(`banter:${siteKey}:${name}`) ?? "null");
  } catch {
    return null;
  }
}

// What the loader recorded of the visit (behaviourStorage), for the first join of a visitor with no token yet. The
// server checks every field again; this keeps the join within a socket frame (64 KB) by dropping the oldest
// pages and events of an oversized record.
export function storedBehaviour(siteKey: string): ActivityReport | undefined {
  const visit = storedJson(siteKey, behaviourStorage.visit);
  if (!visit || typeof visit !== "object") return undefined;
  const list = (name: string) => {
    const v = storedJson(siteKey, name);
    return Array.isArray(v) ? v : [];
  };
  const report = {
    visit: visit as ActivityReport["visit"],
    pages: list(behaviourStorage.unreported),
    events: list(behaviourStorage.events),
  };
  while (JSON.stringify(report).length > 32_000 && (report.pages.length > 0 || report.events.length > 0)) {
    (report.pages.length >= report.events.length ? report.pages : report.events).shift();
  }
  return report;
}

// After a join that carried them: the server has these pages and events (the visit record stays, it counts on).
export function behaviourReported(siteKey: string): void {
  try {
    localStorage.removeItem(`banter:${siteKey}:${behaviourStorage.events}`);
    localStorage.removeItem(`banter:${siteKey}:${behaviourStorage.unreported}`);
  } catch {}
}
