// Who is emailed about what (docs/email.md): enabled users whose settings ask for it, and, for a site's leads, who
// serve that site (owners see every site). Pure over the team's records.
import { type NotificationSettings, notificationDefaults } from "../../shared/protocol/index.ts";
import type { User } from "../store/types.ts";

export function settingsOf(user: User): NotificationSettings {
  return user.notifications ?? notificationDefaults(user.role);
}

// `siteKey`: only users who serve that site (owners serve every site); absent: everyone.
export function recipients(users: readonly User[], wants: keyof NotificationSettings, siteKey?: string): User[] {
  return users.filter(
    (u) =>
      !u.disabled &&
      settingsOf(u)[wants] &&
      (siteKey === undefined || u.role === "owner" || !u.siteKeys || u.siteKeys.includes(siteKey)),
  );
}
