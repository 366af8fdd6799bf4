import type { SitesStore } from "../contract/sites.ts";
import { copy, type MemoryState } from "./state.ts";

export function memorySites({ sites, widgetLoads }: MemoryState): SitesStore {
  return {
    async putSite(site) {
      sites.set(site.key, copy(site));
    },
    async updateSite(key, change) {
      const current = sites.get(key);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      const stored = { ...copy(next), key, rev: (current.rev ?? 0) + 1 };
      sites.set(key, stored);
      return copy(stored);
    },
    async getSite(key) {
      const s = sites.get(key);
      return s ? copy(s) : null;
    },
    async listSites() {
      return [...sites.values()].sort((a, b) => a.key.localeCompare(b.key)).map(copy);
    },
    async recordWidgetLoad(siteKey, load) {
      widgetLoads.set(siteKey, copy(load));
    },
    async lastWidgetLoad(siteKey) {
      const load = widgetLoads.get(siteKey);
      return load ? copy(load) : null;
    },
  };
}
