// HTTP: the owner's playbooks and their versions.

// HTTP: GET /api/sites/:key/playbook/versions (owner): the version the site runs, and every version of its
// playbook with when it was published (ms), newest first; who published it (their name now, when it was a person),
// and a line saying what it changed from the version before (for the newest versions: each reads two versions).
export interface PlaybookVersions {
  current: number;
  versions: { version: number; publishedAt: number; publishedBy?: string; summary?: string }[];
}

// One thing publishing a draft would change (shared/engine/playbook-diff.ts), as an owner reads it.
export interface PlaybookChange {
  kind: "added" | "removed" | "changed";
  // The part, as the editor names it: "Question “Budget”: text", "Scoring rule", "Bot copy: greeting".
  what: string;
  before?: string;
  after?: string;
}

// HTTP: POST /api/sites/:key/playbook/changes (owner) with a draft: what publishing it would change, for the
// review before Publish; a draft that is not valid is refused as PUT refuses it.
export interface PlaybookChanges {
  changes: PlaybookChange[];
}

// HTTP: GET /api/playbooks (owner): each site and the playbook version it runs.
export interface PlaybookSummary {
  siteKey: string;
  siteName: string;
  playbookId: string;
  version: number;
}

// One question visitors asked that the bot could not answer (engine rules A4, A5), as the owner reads it: the
// words of its latest asking, in how many conversations it was asked, and when last (ms).
export interface UnansweredQuestion {
  text: string;
  count: number;
  lastAskedAt: number;
}

// HTTP: GET /api/sites/:key/questions (owner): the site's unanswered questions, most asked first, leaving out
// those the playbook it runs now would answer, from every conversation the site keeps.
export interface UnansweredQuestions {
  questions: UnansweredQuestion[];
}
