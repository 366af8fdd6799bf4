// The team: users, their login sessions, and invites to join.
import type { NotificationSettings, RepUser } from "../../../shared/protocol/index.ts";

export interface User extends RepUser {
  passwordHash: string;
  createdAt: number;
  // Most live chats at once (default 3), and the sites this rep serves (absent: all).
  capacity?: number;
  siteKeys?: string[];
  // A disabled account cannot log in, and its sessions stop working at once.
  disabled?: boolean;
  // The emails they get; absent: notificationDefaults(role).
  notifications?: NotificationSettings;
  // Bumped by every updateUser (compare-and-set); absent on users stored before it.
  rev?: number;
}

// An owner's invitation to join the team: redeemed once, by whoever holds the link, before expiresAt. Only a hash
// of the link's token is stored.
export interface Invite {
  id: string;
  tokenHash: string;
  email: string;
  name?: string;
  role: User["role"];
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

export interface AccountsStore {
  // False (and nothing stored) when the email already belongs to another user.
  putUser(user: User): Promise<boolean>;
  // Read-modify-write, like updateSite: null when the user is gone, so a removed user is never brought back by
  // someone's late edit.
  updateUser(id: string, change: (user: User) => User | null): Promise<User | null>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  // Takes a user off the team (their sessions are ended separately, with endAuthSessions).
  removeUser(id: string): Promise<void>;

  // Login sessions, by a hash of the session token (the token itself is never stored).
  putAuthSession(tokenHash: string, userId: string, ttlSeconds: number): Promise<void>;
  getAuthSession(tokenHash: string): Promise<string | null>;
  deleteAuthSession(tokenHash: string): Promise<void>;
  // Ends every session of a user (a password change keeps the one that made it: `keepTokenHash`).
  endAuthSessions(userId: string, keepTokenHash?: string): Promise<void>;

  // Team invites, until expiresAt. takeInvite hands an invite out once: of two concurrent takes, one gets it.
  putInvite(invite: Invite): Promise<void>;
  findInvite(tokenHash: string): Promise<Invite | null>;
  takeInvite(tokenHash: string): Promise<Invite | null>;
  listInvites(): Promise<Invite[]>;
  revokeInvite(id: string): Promise<boolean>;
}
