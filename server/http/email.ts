// The Email page's API (owners): every message Banter sent, is retrying, failed or kept unsent, newest first, and
// one message's text. The HTML part is never served: the console shows the text, as text.
import { Router } from "express";
import { z } from "zod";
import {
  type EmailList,
  type EmailMessageResult,
  type EmailSummaryView,
  ErrorCode,
} from "../../shared/protocol/index.ts";
import type { AccountsStore, MailMessage, MailStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";
import { refuse, refuseInvalid } from "./forms.ts";

const listQuery = z
  .object({
    site: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();

function summary(m: MailMessage): EmailSummaryView {
  const { text: _t, html: _h, headers: _x, conversationId: _c, dedupeKey: _d, secret: _s, ...view } = m;
  return view;
}

export function emailRoutes(store: AccountsStore & MailStore, configured: boolean): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  r.get("/api/email", owner, async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) return refuseInvalid(res, query.error);
    const messages = await store.listMail(query.data.limit, query.data.site);
    const list: EmailList = { configured, messages: messages.map(summary) };
    res.setHeader("Cache-Control", "no-store");
    res.json(list);
  });

  r.get("/api/email/:id", owner, async (req, res) => {
    const m = await store.getMail(String(req.params.id).slice(0, 64));
    if (!m) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such email (emails are kept for a limited time).");
    const result: EmailMessageResult = { configured, message: { ...summary(m), text: m.text } };
    res.setHeader("Cache-Control", "no-store");
    res.json(result);
  });

  return r;
}
