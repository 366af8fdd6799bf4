// Figures kept per site for queue estimates.

export interface StatsStore {
  // The moving average of how long a site's leads wait for an accept.
  recordAccept(siteKey: string, waitedMs: number): Promise<void>;
  averageAccept(siteKey: string): Promise<number | null>;
}
