// A stored site as the owner edits it and the widget draws it: fields added after a site was stored take their
// defaults here, so old sites keep working unchanged.
import { defaultFollowUpSettings } from "../../shared/followups/index.ts";
import type { SiteConfig, SiteSettings, WidgetLoad } from "../../shared/protocol/index.ts";
import { routingOf } from "../routing/settings.ts";
import type { Site } from "../store/types.ts";

export function siteSettings(site: Site): SiteSettings {
  return {
    key: site.key,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    greeting: site.greeting,
    accentColor: site.accentColor,
    position: site.position ?? "right",
    launcherLabel: site.launcherLabel ?? "",
    displayName: site.displayName ?? "",
    avatarUrl: site.avatarUrl ?? "",
    replyTime: site.replyTime ?? null,
    routing: routingOf(site),
    followUps: { ...defaultFollowUpSettings, ...site.followUps },
    transcripts: site.transcripts ?? "on-request",
    triggers: site.triggers ?? [],
    createdAt: site.createdAt,
  };
}

export function siteConfig(site: Site): SiteConfig {
  const s = siteSettings(site);
  const hours = s.routing.businessHours;
  return {
    key: s.key,
    name: s.displayName || s.name,
    greeting: s.greeting,
    accentColor: s.accentColor,
    position: s.position,
    launcherLabel: s.launcherLabel,
    avatarUrl: s.avatarUrl,
    replyTime: s.replyTime,
    // Only with a reply time: the header is all that reads them.
    ...(hours && s.replyTime ? { businessHours: hours } : {}),
    transcripts: s.transcripts,
    engage: s.triggers.some((t) => t.enabled),
  };
}

// The page a widget load came from, given the load's Origin (one the site allows): the Referer's origin and path
// when the Referer is on that origin (its query and fragment can carry a visitor's tokens or email, and this record
// is kept for as long as the site), else the Origin. A Referer naming another origin is not believed: the owner
// sees only pages of their own origins. Bounded so a huge header cannot grow the store.
export function widgetLoadFrom(referer: string | undefined, origin: string, at: number): WidgetLoad {
  let page = origin;
  try {
    const url = new URL(referer ?? "");
    if (url.origin === origin) page = url.origin + url.pathname;
  } catch {
    // No Referer, or not a URL: keep the Origin.
  }
  return { at, page: page.slice(0, 512) };
}
