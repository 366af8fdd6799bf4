// The owner's funnel report for one site and a range of days (shared/funnel/SPEC.md).
import { Router } from "express";
import { z } from "zod";
import {
  addDays,
  chartDays,
  dayRange,
  daysOf,
  followUpsOnTime,
  isoDay,
  rangeHashes,
  reportFromCounters,
} from "../../shared/funnel/index.ts";
import { sourceLabel } from "../../shared/leads/source.ts";
import { ErrorCode, type FunnelReport } from "../../shared/protocol/index.ts";
import { routingOf } from "../routing/settings.ts";
import { siteTriggers } from "../sites/triggers.ts";
import type { AccountsStore, EngageStore, FunnelCountersStore, PlaybooksStore, SitesStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";

const maxDays = 366;
const defaultDays = 30;
// F33: how many of the range's newest conversations the follow-ups on time are read for.
export const followUpsWindow = 1000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const funnelQuery = z.object({
  site: z.string().min(1).max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  // A source label as the report's bySource names it ("google", "linkedin.com", "direct"); empty: every source.
  source: z.string().trim().max(200, "at most 200 characters").optional(),
});

export function funnelRoutes(
  store: AccountsStore & SitesStore & PlaybooksStore & EngageStore & FunnelCountersStore,
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
    const source = query.data.source?.toLowerCase() || undefined;
    const dayList = daysOf(from, to);
    // Every figure but the follow-ups from the range's counters: whole months from their rollups, the edges' days,
    // and the months' charts (F34), whatever the volume (F28); the teasers' counts summed over the range's days
    // (F24). Each read is one round trip or two, all sent at once: the report waits for the slowest, not the sum.
    const read = rangeHashes(from, to, source);
    const [playbook, totals, charts, users, teasers, newest] = await Promise.all([
      store.getPlaybook(site.playbookId, site.playbookVersion),
      store.funnelSums(site.key, read.totals, read.minus),
      store.funnelCounters(site.key, read.chart),
      store.listUsers(),
      store.engageTotals(site.key, dayList),
      // F33: follow-ups are judged item by item, so they are read per conversation, of the range's newest
      // conversations only (at most followUpsWindow of them, newest first from the range's end), and only for those
      // that have any.
      store.funnelFollowUps(site.key, range.start, range.end, followUpsWindow),
    ]);
    if (!playbook) throw new Error(`site ${site.key} has no playbook ${site.playbookId}@${site.playbookVersion}`);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const targetMs = routingOf(site).sla.liveMs;
    const chart = chartDays(dayList, charts, source);
    const figures = reportFromCounters({
      totals: [totals],
      days: dayList.map((day) => ({ day, chart: chart.get(day) ?? {} })),
      playbook,
      targetMs,
      now: now(),
      ...(source ? { source } : {}),
      names: (id) => names.get(id),
      // The teasers' counts know no source: every conversation of the range (F25).
      triggers: siteTriggers(site),
      teasers,
    });
    const followUps = followUpsOnTime(
      source ? newest.items.filter((f) => sourceLabel(f.source) === source) : newest.items,
      (id) => names.get(id),
      now(),
    );
    if (newest.limited) followUps.limitedTo = followUpsWindow;
    const report: FunnelReport = {
      site: { key: site.key, name: site.name },
      sites: sites.map((s) => ({ key: s.key, name: s.name })),
      from,
      to,
      funnel: figures.funnel,
      timesFromBuckets: true,
      // Every source of the range, so the filter can offer them and a team can compare them side by side.
      bySource: figures.bySource,
      speedToLead: figures.speedToLead,
      followUpsOnTime: followUps,
      satisfaction: figures.satisfaction,
      daily: figures.daily,
      triggers: figures.triggers,
    };
    if (source) report.source = source;
    res.json(report);
  });

  return r;
}
