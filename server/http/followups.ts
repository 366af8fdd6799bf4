// The follow-up queue (docs/follow-ups.md): reps list the open items of the sites they serve, theirs first, and
// mark one done, snooze it, or take it; owners see every site and assign items to any rep serving the site. An
// item someone may not see answers 404, exactly like one that does not exist, so ids cannot be probed.
import express, { type Response, Router } from "express";
import { z } from "zod";
import { dueTimeOf } from "../../shared/followups/index.ts";
import { contactOf } from "../../shared/leads/contact.ts";
import {
  BanterError,
  ErrorCode,
  type FollowUp,
  type FollowUpList,
  type FollowUpView,
  type WireError,
} from "../../shared/protocol/index.ts";
import { leadCard } from "../conversation/lead-card.ts";
import { changeFollowUp, markDone } from "../followups/items.ts";
import type { AccountsStore, ConversationsStore, FollowUpsStore, Site, SitesStore, User } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";
import { serves, visibleSites } from "./visible-sites.ts";

const id = /^[A-Za-z0-9_-]{1,100}$/;
const year = 365 * 24 * 3600_000;

// The browser computes the presets ("1 hour", "tomorrow 9:00" in the rep's zone) and sends the instant.
const snoozeBody = z.object({ until: z.number().int().positive() }).strict();
// Owners: any user serving the site, or null for nobody. Reps: only themselves.
const assignBody = z.object({ ownerId: z.string().min(1).max(100).nullable() }).strict();

const notFound: WireError = { code: ErrorCode.NOT_FOUND, message: "No such follow-up." };

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

function refuse(res: Response, e: BanterError) {
  const status = e.code === ErrorCode.FORBIDDEN ? 403 : e.code === ErrorCode.CONFLICT ? 409 : 400;
  fail(res, status, e.toWire());
}

function invalid(res: Response, issues: z.core.$ZodIssue[]) {
  const fields = issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message }));
  const first = fields[0] ?? { path: "body", message: "invalid" };
  fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: `${first.path}: ${first.message}`, fields });
}

export function followUpRoutes(
  store: AccountsStore & SitesStore & ConversationsStore & FollowUpsStore,
  now: () => number,
): Router {
  const r = Router();
  const signedIn = requireUser(store);
  const body = express.json({ limit: "4kb" });

  async function view(f: FollowUp, site: Site, users: User[]): Promise<FollowUpView | null> {
    const c = await store.getConversation(f.conversationId);
    if (!c) return null;
    const lead = leadCard(c, site, now());
    const contact = contactOf(lead.answers, lead.email, lead.identity);
    const phone = lead.phone ?? c.callback?.phone;
    const owner = f.ownerId ? users.find((u) => u.id === f.ownerId) : undefined;
    const v: FollowUpView = {
      item: f,
      siteName: site.name,
      lead: {
        tier: lead.qualification.tier,
        ...(contact.name ? { name: contact.name } : {}),
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.company ? { company: contact.company } : {}),
        ...(phone ? { phone } : {}),
      },
    };
    if (owner) v.ownerName = owner.name || owner.email;
    if (f.kind === "callback" && c.callback?.when) v.askedWhen = c.callback.when;
    if (c.timeZone) v.timeZone = c.timeZone;
    return v;
  }

  // The item, if this user may see it: on a site they serve.
  async function visible(res: Response, itemId: string): Promise<{ f: FollowUp; site: Site } | null> {
    if (!id.test(itemId)) return null;
    const f = await store.getFollowUp(itemId);
    if (!f) return null;
    const site = (await visibleSites(store, res)).find((s) => s.key === f.siteKey);
    return site ? { f, site } : null;
  }

  async function answer(res: Response, f: FollowUp | null, site: Site) {
    const v = f && (await view(f, site, await store.listUsers()));
    if (!v) return fail(res, 404, notFound);
    res.json({ followUp: v });
  }

  r.get("/api/followups", signedIn, async (_req, res) => {
    const me = currentUser(res);
    const [sites, users] = await Promise.all([visibleSites(store, res), store.listUsers()]);
    const items = (
      await Promise.all(sites.map(async (s) => (await store.listOpenFollowUps(s.key)).map((f) => ({ f, s }))))
    )
      .flat()
      // A rep's own first, then by when due; owners by when due.
      .sort(
        (a, b) =>
          (me.role === "rep" ? Number(b.f.ownerId === me.id) - Number(a.f.ownerId === me.id) : 0) ||
          dueTimeOf(a.f) - dueTimeOf(b.f) ||
          a.f.id.localeCompare(b.f.id),
      );
    const views = await Promise.all(items.map(({ f, s }) => view(f, s, users)));
    const list: FollowUpList = { followUps: views.filter((v): v is FollowUpView => v !== null) };
    res.json(list);
  });

  r.post("/api/followups/:id/done", signedIn, async (req, res) => {
    const found = await visible(res, String(req.params.id));
    if (!found) return fail(res, 404, notFound);
    const me = currentUser(res);
    await answer(res, await changeFollowUp(store, found.f.id, (f) => markDone(f, me.id, now())), found.site);
  });

  r.post("/api/followups/:id/snooze", signedIn, body, async (req, res) => {
    const found = await visible(res, String(req.params.id));
    if (!found) return fail(res, 404, notFound);
    const parsed = snoozeBody.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const { until } = parsed.data;
    if (until <= now() || until > now() + year) {
      return invalid(res, [{ code: "custom", path: ["until"], message: "a time in the coming year", input: until }]);
    }
    const changed = await changeFollowUp(store, found.f.id, (f) => {
      if (f.state === "done") throw new BanterError(ErrorCode.CONFLICT, "This follow-up is done already.");
      return { ...f, snoozedUntil: until };
    }).catch((e: unknown) => (e instanceof BanterError ? e : Promise.reject(e)));
    if (changed instanceof BanterError) return refuse(res, changed);
    await answer(res, changed, found.site);
  });

  r.post("/api/followups/:id/assign", signedIn, body, async (req, res) => {
    const found = await visible(res, String(req.params.id));
    if (!found) return fail(res, 404, notFound);
    const parsed = assignBody.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const me = currentUser(res);
    const { ownerId } = parsed.data;
    if (me.role !== "owner" && ownerId !== me.id) {
      return refuse(res, new BanterError(ErrorCode.FORBIDDEN, "Only an owner assigns follow-ups to others."));
    }
    if (ownerId) {
      const owner = await store.getUser(ownerId);
      if (!owner || !serves(owner, found.site.key)) {
        return invalid(res, [{ code: "custom", path: ["ownerId"], message: "not a rep of this site", input: ownerId }]);
      }
    }
    const changed = await changeFollowUp(store, found.f.id, (f) => {
      const { ownerId: _old, ...rest } = f;
      return ownerId ? { ...rest, ownerId } : rest;
    });
    await answer(res, changed, found.site);
  });

  return r;
}
