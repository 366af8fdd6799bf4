import type { PlaybooksStore } from "../contract/playbooks.ts";
import { copy, type MemoryState } from "./state.ts";

export function memoryPlaybooks({
  now,
  playbooks,
  latestVersion,
  published,
  publishedBy,
}: MemoryState): PlaybooksStore {
  return {
    async putPlaybook(playbook, publishedAt = now(), publisher) {
      playbooks.set(`${playbook.id}:${playbook.version}`, copy(playbook));
      if (!latestVersion.has(playbook.id)) latestVersion.set(playbook.id, playbook.version);
      const times = published.get(playbook.id) ?? new Map<number, number>();
      if (!times.has(playbook.version)) times.set(playbook.version, publishedAt);
      published.set(playbook.id, times);
      const by = publishedBy.get(playbook.id) ?? new Map<number, string>();
      if (publisher && !by.has(playbook.version)) by.set(playbook.version, publisher);
      publishedBy.set(playbook.id, by);
    },
    async listPlaybookVersions(id) {
      return [...(published.get(id) ?? new Map<number, number>())]
        .map(([version, publishedAt]) => {
          const publisher = publishedBy.get(id)?.get(version);
          return { version, publishedAt, ...(publisher ? { publishedBy: publisher } : {}) };
        })
        .sort((a, b) => b.version - a.version);
    },
    async nextPlaybookVersion(id) {
      const next = (latestVersion.get(id) ?? 0) + 1;
      latestVersion.set(id, next);
      return next;
    },
    async getPlaybook(id, version) {
      const p = playbooks.get(`${id}:${version}`);
      return p ? copy(p) : null;
    },
  };
}
