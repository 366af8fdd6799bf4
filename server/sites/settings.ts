// A stored site as the owner edits it and the widget draws it: fields added after a site was stored take their
// defaults here, so old sites keep working unchanged.
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
    routing: routingOf(site),
    createdAt: site.createdAt,
  };
}

export function siteConfig(site: Site): SiteConfig {
  const s = siteSettings(site);
  return {
    key: s.key,
    name: s.name,
    greeting: s.greeting,
    accentColor: s.accentColor,
    position: s.position,
    launcherLabel: s.launcherLabel,
  };
}

// The page a widget load came from: the Referer (the full page URL, when the page's referrer policy sends it),
// else the Origin; bounded so a huge header cannot grow the store.
export function widgetLoadFrom(referer: string | undefined, origin: string | undefined, at: number): WidgetLoad | null {
  const page = referer || origin;
  return page ? { at, page: page.slice(0, 512) } : null;
}
