// The inbox: every conversation a user may see, by view and search, one page at a time through the activity index
// (conversation/inbox-rows.ts); one conversation in full with its lead card and internal notes; and adding a note. Owners see every site, reps the sites they serve.
// A conversation someone may not see answers 404, exactly like one that does not exist, so ids cannot be probed.
import express, { type Response, Router } from "express";
import { z } from "zod";
import { cursorOf, inboxViews, parseCursor } from "../../shared/leads/inbox.ts";
import {
  type ConversationList,
  type ConversationRecord,
  ErrorCode,
  Limits,
  type Message,
  type Note,
  type WireError,
} from "../../shared/protocol/index.ts";
import { freeText } from "../../shared/protocol/text.ts";
import { inboxCounts, inboxPage } from "../conversation/inbox-rows.ts";
import { leadCard } from "../conversation/lead-card.ts";
import { summaryOf } from "../conversation/summary.ts";
import { readTranscript } from "../conversation/transcript.ts";
import type {
  AccountsStore,
  Conversation,
  ConversationsStore,
  MessagesStore,
  Site,
  SitesStore,
} from "../store/types.ts";
import { type ApiAccess, apiKeyOr, currentUser, requireUser } from "./auth.ts";
import { visibleSites } from "./visible-sites.ts";

const maxNotes = 500;

const listQuery = z.object({
  view: z.enum(inboxViews).optional(),
  q: z.string().max(200).optional(),
  site: z.string().max(Limits.siteKey).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const noteBody = z.object({
  text: freeText("write a note")
    .trim()
    .min(1, "write a note")
    .max(Limits.noteText, `a note can be at most ${Limits.noteText.toLocaleString("en-US")} characters`),
});

const conversationId = /^[A-Za-z0-9_-]{1,64}$/;

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

const notFound: WireError = { code: ErrorCode.NOT_FOUND, message: "No such conversation." };

// Listing and reading also take API keys (docs/api.md), which see every site as their owner does; notes are the
// console's.
export function conversationRoutes(
  store: AccountsStore & SitesStore & ConversationsStore & MessagesStore,
  deps: { now: () => number; newId: () => string; access: ApiAccess },
): Router {
  const r = Router();
  const signedIn = requireUser(store);
  const reader = apiKeyOr(deps.access, "read", signedIn);

  async function visibleConversation(res: Response, id: string): Promise<{ c: Conversation; site: Site } | null> {
    if (!conversationId.test(id)) return null;
    const c = await store.getConversation(id);
    if (!c) return null;
    const site = (await visibleSites(store, res)).find((s) => s.key === c.siteKey);
    return site ? { c, site } : null;
  }

  async function lastMessage(id: string): Promise<Message | undefined> {
    const seq = await store.lastSeq(id);
    return seq > 0 ? (await store.listMessages(id, seq - 1, 1))[0] : undefined;
  }

  r.get("/api/conversations", reader, async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    const cursor = parsed.success && parsed.data.cursor ? parseCursor(parsed.data.cursor) : null;
    if (!parsed.success || (parsed.data.cursor && !cursor)) {
      const issue = parsed.error?.issues[0];
      const path = issue?.path.join(".") || "cursor";
      const message = issue?.message ?? "not a cursor from this list";
      fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: `${path}: ${message}`, fields: [{ path, message }] });
      return;
    }
    const { view, q = "", site, limit = 25 } = parsed.data;
    let sites = await visibleSites(store, res);
    if (site !== undefined) {
      sites = sites.filter((s) => s.key === site);
      if (sites.length === 0) return fail(res, 404, { code: ErrorCode.UNKNOWN_SITE, message: "No such site." });
    }
    const [{ rows, next }, counts] = await Promise.all([
      inboxPage(store, sites, { ...(view ? { view } : {}), q }, cursor ?? undefined, limit, deps.now()),
      inboxCounts(store, sites, q, deps.now()),
    ]);
    const list: ConversationList = {
      conversations: await Promise.all(rows.map(async ({ c, lead }) => summaryOf(c, lead, await lastMessage(c.id)))),
      counts,
    };
    if (next) list.next = cursorOf(next);
    res.json(list);
  });

  r.get("/api/conversations/:id", reader, async (req, res) => {
    const found = await visibleConversation(res, String(req.params.id));
    if (!found) return fail(res, 404, notFound);
    const { c, site } = found;
    const messages = await readTranscript(store, c.id);
    const record: ConversationRecord = {
      lead: leadCard(c, site, deps.now()),
      messages,
      notes: await store.listNotes(c.id),
    };
    if (c.repId) record.repId = c.repId;
    res.json(record);
  });

  r.post("/api/conversations/:id/notes", signedIn, express.json({ limit: "16kb" }), async (req, res) => {
    const found = await visibleConversation(res, String(req.params.id));
    if (!found) return fail(res, 404, notFound);
    const parsed = noteBody.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "write a note";
      fail(res, 400, {
        code: ErrorCode.BAD_REQUEST,
        message: `Note: ${message}.`,
        fields: [{ path: "text", message }],
      });
      return;
    }
    const me = currentUser(res);
    const note: Note = {
      id: deps.newId(),
      conversationId: found.c.id,
      authorId: me.id,
      authorName: me.name || me.email,
      text: parsed.data.text,
      at: deps.now(),
    };
    const added = await store.addNote(note, maxNotes);
    if (added === "missing") return fail(res, 404, notFound);
    if (added === "full") {
      const message = `A conversation keeps at most ${maxNotes} notes.`;
      return fail(res, 413, { code: ErrorCode.PAYLOAD_TOO_LARGE, message });
    }
    res.status(201).json(note);
  });

  return r;
}
