// Teammates as transfers see them: the list from team:get, kept fresh by presence:updated broadcasts.
import type { RepPresence } from "../../../shared/protocol/index.ts";

export function upsertPresence(team: RepPresence[], presence: RepPresence): RepPresence[] {
  const known = team.some((r) => r.repId === presence.repId);
  return known ? team.map((r) => (r.repId === presence.repId ? presence : r)) : [...team, presence];
}

// Why a teammate cannot take a conversation now, or undefined when they can (the server checks again).
export function transferBlock(rep: RepPresence): string | undefined {
  if (rep.status === "away") return "away";
  if (rep.status === "offline") return "offline";
  if (rep.live >= rep.capacity) return "no free capacity";
  return undefined;
}

// Who can take a transfer first, then by name, so the usual choice is at the top.
export function teammates(team: RepPresence[], myId: string | undefined): RepPresence[] {
  return team
    .filter((r) => r.repId !== myId)
    .sort((a, b) => Number(!!transferBlock(a)) - Number(!!transferBlock(b)) || a.name.localeCompare(b.name));
}
