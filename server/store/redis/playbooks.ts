import type { Playbook } from "../../../shared/engine/index.ts";
import type { PlaybooksStore } from "../contract/playbooks.ts";
import { parse, type RedisContext } from "./context.ts";

export function redisPlaybooks({ client, k }: RedisContext): PlaybooksStore {
  return {
    async putPlaybook(playbook: Playbook, publishedAt = Date.now(), publishedBy?: string) {
      const write = client.multi();
      if (publishedBy) write.hSetNX(k.playbookPublishedBy(playbook.id), String(playbook.version), publishedBy);
      await write
        .set(k.playbook(playbook.id, playbook.version), JSON.stringify(playbook))
        .set(k.playbookLatest(playbook.id), String(playbook.version), { condition: "NX" })
        .hSetNX(k.playbookPublished(playbook.id), String(playbook.version), String(publishedAt))
        .exec();
    },
    async listPlaybookVersions(id) {
      const [all, by] = await Promise.all([
        client.hGetAll(k.playbookPublished(id)),
        client.hGetAll(k.playbookPublishedBy(id)),
      ]);
      return Object.entries(all)
        .map(([version, at]) => {
          const publisher = by[version];
          return {
            version: Number(version),
            publishedAt: Number(at),
            ...(publisher ? { publishedBy: publisher } : {}),
          };
        })
        .sort((a, b) => b.version - a.version);
    },
    async nextPlaybookVersion(id) {
      return client.incr(k.playbookLatest(id));
    },
    async getPlaybook(id, version) {
      return parse<Playbook>(await client.get(k.playbook(id, version)));
    },
  };
}
