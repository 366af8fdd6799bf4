import type { PlaybooksStore } from "../contract/playbooks.ts";
import { copy, type MemoryState } from "./state.ts";

export function memoryPlaybooks({ now, playbooks, latestVersion, published }: MemoryState): PlaybooksStore {
  return {
    async putPlaybook(playbook, publishedAt = now()) {
      playbooks.set(`${playbook.id}:${playbook.version}`, copy(playbook));
      if (!latestVersion.has(playbook.id)) latestVersion.set(playbook.id, playbook.version);
      const times = published.get(playbook.id) ?? new Map<number, number>();
      if (!times.has(playbook.version)) times.set(playbook.version, publishedAt);
      published.set(playbook.id, times);
    },
    async listPlaybookVersions(id) {
      return [...(published.get(id) ?? new Map<number, number>())]
        .map(([version, publishedAt]) => ({ version, publishedAt }))
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
