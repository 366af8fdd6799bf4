// Playbook versions, immutable once stored.
import type { Playbook } from "../../../shared/engine/index.ts";

export interface PlaybookVersion {
  version: number;
  publishedAt: number;
  // The user who published it (an id); none for versions made with the site or stored before this was kept.
  publishedBy?: string;
}

export interface PlaybooksStore {
  // The next version number of an id is handed out once. `publishedAt` (default now) is when the version was
  // first stored; storing it again keeps the first time, and the first publisher.
  putPlaybook(playbook: Playbook, publishedAt?: number, publishedBy?: string): Promise<void>;
  nextPlaybookVersion(id: string): Promise<number>;
  getPlaybook(id: string, version: number): Promise<Playbook | null>;
  // Every stored version of a playbook and when it was published, newest first.
  listPlaybookVersions(id: string): Promise<PlaybookVersion[]>;
}
