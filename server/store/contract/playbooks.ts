// Playbook versions, immutable once stored.
import type { Playbook } from "../../../shared/engine/index.ts";

export interface PlaybookVersion {
  version: number;
  publishedAt: number;
}

export interface PlaybooksStore {
  // The next version number of an id is handed out once. `publishedAt` (default now) is when the version was
  // first stored; storing it again keeps the first time.
  putPlaybook(playbook: Playbook, publishedAt?: number): Promise<void>;
  nextPlaybookVersion(id: string): Promise<number>;
  getPlaybook(id: string, version: number): Promise<Playbook | null>;
  // Every stored version of a playbook and when it was published, newest first.
  listPlaybookVersions(id: string): Promise<PlaybookVersion[]>;
}
