import type { WidgetLoad } from "../../../shared/protocol/index.ts";
import type { Site, SitesStore } from "../contract/sites.ts";
import { parse, type RedisContext } from "./context.ts";

export function redisSites({ client, k, getMany, updateRecord }: RedisContext): SitesStore {
  return {
    // On a cluster the site and the list of sites are in two slots (keys.ts): the site is stored before it is
    // listed, so a list never names a site that is not there.
    async putSite(site: Site) {
      if (k.cluster) {
        await client.set(k.site(site.key), JSON.stringify(site));
        await client.sAdd(k.sites(), site.key);
        return;
      }
      await client.multi().set(k.site(site.key), JSON.stringify(site)).sAdd(k.sites(), site.key).exec();
    },
    async updateSite(key, change) {
      return updateRecord<Site>(k.site(key), (site) => {
        const next = change(site);
        return next && { ...next, key };
      });
    },
    async getSite(key) {
      return parse<Site>(await client.get(k.site(key)));
    },
    async listSites() {
      return getMany<Site>((await client.sMembers(k.sites())).sort(), k.site);
    },
    async recordWidgetLoad(siteKey, load) {
      await client.set(k.widgetLoad(siteKey), JSON.stringify(load));
    },
    async lastWidgetLoad(siteKey) {
      return parse<WidgetLoad>(await client.get(k.widgetLoad(siteKey)));
    },
  };
}
