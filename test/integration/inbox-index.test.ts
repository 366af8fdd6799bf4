// The inbox's list (GET /api/conversations) through the activity index (issue 20): every view and search, paged by
// cursor over two sites newest activity first, with each view's count, the same as the rule over all of them, and
// the sites' conversations never listed for it.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { byActivity } from "../../shared/leads/inbox.ts";
import { matchesSearch } from "../../shared/leads/search.ts";
import type { ConversationList, ConversationStatus } from "../../shared/protocol/index.ts";
import { appOnRedis } from "../support/app.ts";
import { lead } from "../support/store-contract.ts";

describe("inbox through the activity index (Redis)", () => {
  const app = appOnRedis();
  afterEach(() => vi.restoreAllMocks());

  it("pages every view and search of every site by cursor, with each view's count, without listing a site", async () => {
    const h = app();
    const demo = await h.store.getSite(h.siteKey);
    if (!demo) throw new Error("no demo site");
    await h.store.putSite({ ...demo, key: "other-site", name: "Other Site" });
    const statuses: ConversationStatus[] = ["bot", "queued", "live", "closed", "closed"];
    const names = ["Quinn Lee", "Ana Lopez", "Bo Quill"];
    // 40 conversations over two sites, last active over 15 ms (ties), every fourth named; two share an email
    // (one person: the leads table has one row, the inbox lists both).
    const made: Conversation[] = [];
    for (let i = 0; i < 40; i++) {
      const c = lead(`C${String(i).padStart(2, "0")}`, i, {
        ...(i % 4 === 0 ? { name: names[i % 3] as string } : {}),
        ...(i === 8 || i === 20 ? { email: "same@person.io" } : {}),
        site: i % 3 === 0 ? "other-site" : h.siteKey,
      });
      made.push(
        await h.store.createConversation({
          ...c,
          status: statuses[i % 5] as ConversationStatus,
          updatedAt: 100 + (i % 15),
        }),
      );
    }
    const { token } = await h.login();
    const listed = vi.spyOn(h.store, "listConversations");
    const contact = (c: Conversation) => {
      const name = c.engine.slots.name?.display;
      const email = c.engine.slots.email?.display;
      return { ...(name ? { name } : {}), ...(email ? { email, company: "person.io" } : {}) };
    };
    const list = async (query: string) => {
      const res = await fetch(`${h.url}/api/conversations?${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, query).toBe(200);
      return (await res.json()) as ConversationList;
    };
    for (const view of [undefined, "bot", "closed", "live"] as const) {
      for (const q of ["", "quinn", "qui lee", "same@person", "nobody", "lo"]) {
        const want = made
          .filter((c) => (!view || c.status === view) && matchesSearch(contact(c), q))
          .sort(byActivity)
          .map((c) => c.id);
        const seen: string[] = [];
        let cursor = "";
        let counts: ConversationList["counts"] | undefined;
        for (let pages = 0; pages < 30; pages++) {
          const page = await list(`limit=4&q=${encodeURIComponent(q)}${view ? `&view=${view}` : ""}${cursor}`);
          expect(page.conversations.length).toBeLessThanOrEqual(4);
          seen.push(...page.conversations.map((c) => c.id));
          counts ??= page.counts;
          if (!page.next) break;
          cursor = `&cursor=${encodeURIComponent(page.next)}`;
        }
        expect(seen, `view=${view} q=${q}`).toEqual(want);
        const matching = made.filter((c) => matchesSearch(contact(c), q));
        const byView = (s: ConversationStatus) => matching.filter((c) => c.status === s).length;
        expect(counts, `q=${q}`).toEqual({
          bot: byView("bot"),
          queued: byView("queued"),
          live: byView("live"),
          closed: byView("closed"),
        });
      }
    }
    // One site: its conversations only.
    const other = await list("site=other-site&limit=100");
    expect(other.conversations.map((c) => c.id)).toEqual(
      made
        .filter((c) => c.siteKey === "other-site")
        .sort(byActivity)
        .map((c) => c.id),
    );
    expect(listed).not.toHaveBeenCalled();
  });
});
