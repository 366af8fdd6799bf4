// The lead's owner and sales status (FU10-FU11, docs/follow-ups.md): owners change both on any lead; a rep
// changes the status of a lead they own, and may take an unowned lead of a site they serve. Written through the
// conversation writer, so the change is one compare-and-set on the freshest copy and its webhook
// (lead.status_changed) is sent once, by the write that won.
import express, { type Response, Router } from "express";
import { z } from "zod";
import { changeStatus, withOwner } from "../../shared/leads/sales.ts";
import { BanterError, ErrorCode, type RepUser, salesStatuses, type WireError } from "../../shared/protocol/index.ts";
import { leadCard } from "../conversation/lead-card.ts";
import type { ConversationWriter } from "../conversation/writer.ts";
import type { AccountsStore, Conversation, ConversationsStore, SitesStore, User } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";
import { serves, visibleSites } from "./visible-sites.ts";

const conversationId = /^[A-Za-z0-9_-]{1,64}$/;

const salesBody = z
  .object({
    status: z.enum(salesStatuses).optional(),
    reason: z.string().trim().max(500, "at most 500 characters").optional(),
    ownerId: z.string().min(1).max(100).nullable().optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.ownerId !== undefined, "change the status or the owner");

const notFound: WireError = { code: ErrorCode.NOT_FOUND, message: "No such conversation." };
const statusOf = { FORBIDDEN: 403, CONFLICT: 409, NOT_FOUND: 404 } as Partial<Record<ErrorCode, number>>;

// What the change does to the freshest copy, or the refusal: decided there, so a change of owner meanwhile
// (another tab, an owner) is seen.
function salesChange(
  c: Conversation,
  me: RepUser,
  change: z.infer<typeof salesBody>,
  newOwner: User | null | undefined,
  at: number,
): Conversation | BanterError | null {
  const owner = c.sales?.ownerId;
  if (me.role !== "owner") {
    const taking = change.ownerId === me.id && !owner;
    if (change.ownerId !== undefined && !taking && !(change.ownerId === me.id && owner === me.id)) {
      return new BanterError(ErrorCode.FORBIDDEN, "Only an owner reassigns a lead.");
    }
    if (change.status !== undefined && owner !== me.id && !taking) {
      return new BanterError(ErrorCode.FORBIDDEN, "Only the lead's owner or a site owner changes its status.");
    }
  }
  let sales = c.sales;
  if (newOwner !== undefined)
    sales = withOwner(sales, newOwner && { id: newOwner.id, name: newOwner.name || newOwner.email });
  if (change.status !== undefined) {
    const next = changeStatus(
      sales,
      { status: change.status, ...(change.reason ? { reason: change.reason } : {}) },
      me.id,
      at,
    );
    if (next instanceof BanterError) return next;
    if (next) sales = next;
  }
  return sales === c.sales ? null : { ...c, ...(sales ? { sales } : {}) };
}

export function salesRoutes(
  store: AccountsStore & SitesStore & ConversationsStore,
  writer: ConversationWriter,
  now: () => number,
): Router {
  const r = Router();
  const signedIn = requireUser(store);

  function fail(res: Response, status: number, error: WireError) {
    res.status(status).json({ error });
  }

  r.patch("/api/conversations/:id/sales", signedIn, express.json({ limit: "4kb" }), async (req, res) => {
    const id = String(req.params.id);
    const c = conversationId.test(id) ? await store.getConversation(id) : null;
    const site = c && (await visibleSites(store, res)).find((s) => s.key === c.siteKey);
    if (!c || !site) return fail(res, 404, notFound);
    const parsed = salesBody.safeParse(req.body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message }));
      const first = fields[0] ?? { path: "body", message: "invalid" };
      return fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: `${first.path}: ${first.message}`, fields });
    }
    const change = parsed.data;
    let newOwner: User | null | undefined;
    if (change.ownerId === null) newOwner = null;
    else if (change.ownerId !== undefined) {
      const u = await store.getUser(change.ownerId);
      if (!u || !serves(u, site.key)) {
        const message = "not a rep of this site";
        return fail(res, 400, {
          code: ErrorCode.BAD_REQUEST,
          message: `ownerId: ${message}`,
          fields: [{ path: "ownerId", message }],
        });
      }
      newOwner = u;
    }
    const me = currentUser(res);
    try {
      const { after } = await writer.update(c.id, (fresh) => salesChange(fresh, me, change, newOwner, now()));
      res.json({ lead: leadCard(after, site, now()) });
    } catch (e) {
      if (!(e instanceof BanterError)) throw e;
      fail(res, statusOf[e.code] ?? 400, e.toWire());
    }
  });

  return r;
}
