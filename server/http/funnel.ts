// The owner's funnel report for one site and a range of days (shared/funnel/SPEC.md).
import { Router } from "express";
import { z } from "zod";
import type { Playbook } from "../../shared/engine/index.ts";
import {
  addDays,
  bySource,
  byTrigger,
  daily,
  dayRange,
  followUpsOnTime,
  funnel,
  isoDay,
  ofSource,
  satisfaction,
  speedToLead,
} from "../../shared/funnel/index.ts";
import { ErrorCode, type FunnelReport } from "../../shared/protocol/index.ts";
import { everyConversation } from "../conversation/every.ts";
import { routingOf } from "../routing/settings.ts";
import { siteTriggers } from "../sites/triggers.ts";
import type {
  AccountsStore,
  ConversationsStore,
  EngageStore,
  FollowUpsStore,
  PlaybooksStore,
  SitesStore,
} from "../store/types.ts";
import { requireUser } from "./auth.ts";

const maxDays = 366;
const defaultDays = 30;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const funnelQuery = z.object({
  site: z.string().min(1).max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  // A source label as the report's bySource names it ("google", "linkedin.com", "direct"); empty: every source.
  source: z.string().trim().max(200, "at most 200 characters").optional(),
});

// Every day of the range, first to last (YYYY-MM-DD).
function days(from: string, to: string): string[] {
  const all: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) all.push(d);
  return all;
}

export function funnelRoutes(
  store: AccountsStore & SitesStore & PlaybooksStore & ConversationsStore & FollowUpsStore & EngageStore,
  now: () => number,
): Router {
  const r = Router();

  r.get("/api/funnel", requireUser(store, "owner"), async (req, res) => {
    const query = funnelQuery.safeParse(req.query);
    const badRequest = (fields: { path: string; message: string }[]) =>
      res.status(400).json({ error: { code: ErrorCode.BAD_REQUEST, message: "Check the report's dates.", fields } });
    if (!query.success) {
      badRequest(query.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
      return;
    }
    const to = query.data.to ?? isoDay(now());
    const from = query.data.from ?? addDays(to, 1 - defaultDays);
    const range = dayRange(from, to);
    if (!range) {
      badRequest([{ path: "from", message: "Use real dates, the first one not after the last." }]);
      return;
    }
    if (range.end - range.start > maxDays * 24 * 3600 * 1000) {
      badRequest([{ path: "from", message: `A report covers at most ${maxDays} days.` }]);
      return;
    }
    const sites = (await store.listSites()).sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key));
    const site = query.data.site ? sites.find((s) => s.key === query.data.site) : sites[0];
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const playbook = await store.getPlaybook(site.playbookId, site.playbookVersion);
    if (!playbook) throw new Error(`site ${site.key} has no playbook ${site.playbookId}@${site.playbookVersion}`);
    // Read back to the range's first day, not beyond: the list is in creation order.
    const inRange = (await everyConversation(store, site.key, range.start)).filter((c) => c.createdAt < range.end);
    const source = query.data.source?.toLowerCase() || undefined;
    const selected = source ? ofSource(inRange, source) : inRange;
    // Conversations started on older playbook versions are judged by the version they ran (F3).
    const pinned = new Map<string, Playbook | undefined>([[`${playbook.id}@${playbook.version}`, playbook]]);
    for (const c of selected) {
      const key = `${c.engine.playbookId}@${c.engine.playbookVersion}`;
      if (!pinned.has(key))
        pinned.set(key, (await store.getPlaybook(c.engine.playbookId, c.engine.playbookVersion)) ?? undefined);
    }
    // Whose follow-ups (F18): the team's names, by id.
    const names = new Map((await store.listUsers()).map((u) => [u.id, u.name]));
    const targetMs = routingOf(site).sla.liveMs;
    const report: FunnelReport = {
      site: { key: site.key, name: site.name },
      sites: sites.map((s) => ({ key: s.key, name: s.name })),
      from,
      to,
      funnel: funnel(selected, playbook, (id, version) => pinned.get(`${id}@${version}`)),
      // Every source of the range, so the filter can offer them and a team can compare them side by side.
      bySource: bySource(inRange),
      speedToLead: speedToLead(selected, targetMs, now()),
      followUpsOnTime: followUpsOnTime(
        (await Promise.all(selected.map((c) => store.listConversationFollowUps(c.id)))).flatMap((items, i) =>
          items.map((item) => ({ item, source: selected[i]?.source })),
        ),
        (id) => names.get(id),
        now(),
      ),
      satisfaction: satisfaction(selected),
      daily: daily(selected, from, to, targetMs, now()),
      // The teasers' counts know no source: every conversation of the range (F25).
      triggers: byTrigger(siteTriggers(site), await store.engageCounts(site.key, days(from, to)), inRange),
    };
    if (source) report.source = source;
    res.json(report);
  });

  return r;
}
