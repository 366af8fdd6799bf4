// Who is emailed about what (docs/email.md): enabled users whose settings ask for it, and, for a site's leads, who
// serve that site (owners see every site). Pure over the team's records.
import { type NotificationSettings, notificationDefaults } from "../../shared/protocol/index.ts";
import type { User } from "../store/types.ts";

// Settings stored before a choice existed lack it: the default fills it in.
export function settingsOf(user: User): NotificationSettings {
  return { ...notificationDefaults(user.role), ...user.notifications };
}

// Owners serve every site; a rep without a list of sites serves them all.
export const servesSite = (user: User, siteKey: string) =>
  user.role === "owner" || !user.siteKeys || user.siteKeys.includes(siteKey);

// `siteKey`: only users who serve that site; absent: everyone.
export function recipients(users: readonly User[], wants: keyof NotificationSettings, siteKey?: string): User[] {
  return users.filter((u) => !u.disabled && settingsOf(u)[wants] && (siteKey === undefined || servesSite(u, siteKey)));
}
