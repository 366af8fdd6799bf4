// A site's proactive messages (shared/protocol/engage.ts), as the join, the teaser's counts, the funnel and the lead
// card read them: the one place that reads them off a site.
import type { Trigger } from "../../shared/protocol/engage.ts";
import type { Site } from "../store/types.ts";

export function siteTriggers(site: Site): Trigger[] {
  return site.triggers ?? [];
}

export function siteTrigger(site: Site, id: string): Trigger | undefined {
  return siteTriggers(site).find((t) => t.id === id);
}
