// The team: reps as routing and the owner see them, logins, invites and API keys.

export type RepStatus = "available" | "away" | "offline";

// A rep as the team sees them: for transfers, and for the owner watching the floor.
export interface RepPresence {
  repId: string;
  name: string;
  status: RepStatus;
  live: number;
  capacity: number;
}

export interface RepUser {
  id: string;
  email: string;
  name: string;
  role: "owner" | "rep";
}

// Which emails a user gets (GET and PUT /api/me/notifications; docs/email.md): a hot lead that nobody took, a
// lead past its speed-to-lead or follow-up target, and a morning digest of yesterday's leads and open follow-ups.
export interface NotificationSettings {
  missedLeads: boolean;
  slaBreaches: boolean;
  dailyDigest: boolean;
}

// Until a user chooses: everyone hears of hot leads nobody took on the sites they serve; owners also of missed
// targets. The digest is opt-in for everyone: one more daily email should be asked for.
export function notificationDefaults(role: RepUser["role"]): NotificationSettings {
  return { missedLeads: true, slaBreaches: role === "owner", dailyDigest: false };
}

// HTTP: POST /api/login
export interface LoginRequest {
  email: string;
  password: string;
}

// POST /api/login and GET /api/me. The session itself travels only in an httpOnly cookie.
export interface LoginResult {
  user: RepUser;
}

// The team as the owner manages it (GET /api/users, PATCH /api/users/:id). Never a password hash.
export interface TeamUser extends RepUser {
  disabled: boolean;
  createdAt: number;
  capacity?: number;
  siteKeys?: string[];
}

// A pending invite (GET /api/invites); its token is only ever in the link handed to the owner once.
export interface InviteView {
  id: string;
  email: string;
  name?: string;
  role: RepUser["role"];
  createdAt: number;
  expiresAt: number;
}

// POST /api/invites: the link to send to the new teammate, shown once.
export interface InviteCreated {
  invite: InviteView;
  link: string;
  // "queued": the invite email is on its way (SMTP configured); "not-configured": it was kept in the console's
  // Email page and not sent, so the owner sends the link themselves.
  email: "queued" | "not-configured";
}

// GET /api/invites/:token, for the invite page of someone not signed in.
export interface InviteInfo {
  email: string;
  name?: string;
  role: RepUser["role"];
}

// HTTP: the owner's API keys (GET/POST /api/api-keys, DELETE /api/api-keys/:id). Never the key or its hash: the
// key is shown once, in ApiKeyCreated, and `prefix` (its first characters) tells keys apart afterwards.
export type ApiScope = "read" | "write";

export interface ApiKeyView {
  id: string;
  name: string;
  scope: ApiScope;
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  // Who made it (their name or email), for the list.
  createdBy: string;
}

export interface ApiKeyCreated {
  apiKey: ApiKeyView;
  key: string;
}
