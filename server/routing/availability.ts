// What would happen if a lead of a site were handed off now: a rep rung, or nobody to take it (no rep who serves
// the site is online and available, or it is outside business hours), and the site's fallback. The bot reads it
// before promising a person (shared/engine SPEC H1); routing's offer follows the same answer.
import type { StepContext } from "../../shared/engine/index.ts";
import { isOpen } from "../../shared/routing/index.ts";
import type { Site, SitesStore } from "../store/types.ts";
import { type TeamMember, type TeamStore, team } from "./presence.ts";
import { routingOf } from "./settings.ts";

export type AvailabilityStore = SitesStore & TeamStore;

// A rep rings for this site now: online, available, and serving it (all sites when they list none).
export function serves(m: TeamMember, siteKey: string): boolean {
  return m.available && (!m.siteKeys || m.siteKeys.includes(siteKey));
}

export function fallbackOf(site: Site | null): StepContext["fallback"] {
  const { fallback } = routingOf(site);
  return fallback.kind === "booking" ? { kind: "booking", url: fallback.url, label: fallback.label } : fallback;
}

export async function availability(store: AvailabilityStore, siteKey: string, now: number): Promise<StepContext> {
  const site = await store.getSite(siteKey);
  const fallback = fallbackOf(site);
  if (!isOpen(routingOf(site).businessHours, now)) return { handoff: "closed", fallback };
  const members = await team(store, now);
  return { handoff: members.some((m) => serves(m, siteKey)) ? "ring" : "nobody", fallback };
}
