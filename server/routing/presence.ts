// The presence snapshot routing chooses from: who is online and available, their load and capacity.
import type { RepPresence } from "../../shared/protocol/index.ts";
import type { RepSnapshot } from "../../shared/routing/index.ts";
import type { AccountsStore, ConversationsStore, PresenceStore } from "../store/types.ts";
import { defaultCapacity } from "./settings.ts";

export interface TeamMember extends RepSnapshot {
  name: string;
  online: boolean;
  status: "available" | "away";
}

export type TeamStore = AccountsStore & PresenceStore & ConversationsStore;

export async function team(store: TeamStore, now: number): Promise<TeamMember[]> {
  const [users, presence] = await Promise.all([store.listUsers(), store.presence(now)]);
  const byId = new Map(presence.map((p) => [p.repId, p]));
  return Promise.all(
    users.map(async (u) => {
      const p = byId.get(u.id);
      const member: TeamMember = {
        repId: u.id,
        name: u.name,
        online: p?.online ?? false,
        status: p?.status ?? "away",
        available: (p?.online ?? false) && p?.status === "available",
        live: (await store.listRepConversations(u.id)).length,
        capacity: u.capacity ?? defaultCapacity,
        lastOfferedAt: p?.lastOfferedAt ?? 0,
      };
      if (u.siteKeys) member.siteKeys = u.siteKeys;
      return member;
    }),
  );
}

export function presenceView(m: TeamMember): RepPresence {
  return { repId: m.repId, name: m.name, status: m.online ? m.status : "offline", live: m.live, capacity: m.capacity };
}
