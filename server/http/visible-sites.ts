// Which sites a signed-in user works on: every site for an owner and for a rep without a list, else the rep's.
// One answer for the inbox, the follow-ups and the sales status, so what a rep may see is decided once.
import type { Response } from "express";
import type { AccountsStore, Site, SitesStore, User } from "../store/types.ts";
import { currentUser } from "./auth.ts";

export const serves = (user: User, siteKey: string) =>
  !user.disabled && (user.role === "owner" || !user.siteKeys || user.siteKeys.includes(siteKey));

export async function visibleSites(store: AccountsStore & SitesStore, res: Response): Promise<Site[]> {
  const user = await store.getUser(currentUser(res).id);
  if (!user) return [];
  return (await store.listSites()).filter((s) => serves(user, s.key));
}
