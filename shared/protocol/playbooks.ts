// HTTP: the owner's playbooks and their versions.

// HTTP: GET /api/sites/:key/playbook/versions (owner): the version the site runs, and every version of its
// playbook with when it was published (ms), newest first.
export interface PlaybookVersions {
  current: number;
  versions: { version: number; publishedAt: number }[];
}

// HTTP: GET /api/playbooks (owner): each site and the playbook version it runs.
export interface PlaybookSummary {
  siteKey: string;
  siteName: string;
  playbookId: string;
  version: number;
}
