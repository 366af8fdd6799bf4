// Presence: a rep's chosen status (available until they choose away), and each console tab's heartbeat
// (expiresAt). A rep is online while any of their tabs has not expired; several tabs count once.

// One rep's presence as the store keeps it: status chosen in the console, online while any tab heartbeats.
export interface PresenceRecord {
  repId: string;
  status: "available" | "away";
  online: boolean;
  lastOfferedAt: number;
}

export interface PresenceStore {
  setRepStatus(repId: string, status: "available" | "away"): Promise<void>;
  touchRepTab(repId: string, tabId: string, expiresAt: number): Promise<void>;
  dropRepTab(repId: string, tabId: string): Promise<void>;
  // Drops expired tabs; returns the reps who had tabs and now have none (they just went offline).
  expireRepTabs(now: number): Promise<string[]>;
  presence(now: number): Promise<PresenceRecord[]>;
  markOffered(repId: string, at: number): Promise<void>;
}
