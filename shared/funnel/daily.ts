// Trends (rules F19-F21 in SPEC.md): the range day by day, so an owner sees whether leads and the speed to lead are
// getting better or worse, not only how the whole range went. Pure: the server passes the conversations.
import type { FunnelDay } from "../protocol/index.ts";
import { dayMs, dayRange, isoDay } from "./range.ts";
import { type SpeedConversation, speedFigures } from "./speed.ts";

// F19: every day from..to, each with the conversations created on it; a day without any is there too, with zeros.
export function daily(
  conversations: readonly SpeedConversation[],
  from: string,
  to: string,
  targetMs: number,
  now: number,
): FunnelDay[] {
  const range = dayRange(from, to);
  if (!range) return [];
  const days = new Map<string, SpeedConversation[]>();
  for (let at = range.start; at < range.end; at += dayMs) days.set(isoDay(at), []);
  for (const c of conversations) days.get(isoDay(c.createdAt))?.push(c);
  return [...days].map(([day, list]) => ({
    day,
    // F20
    leads: {
      hot: list.filter((c) => c.engine.qualification.tier === "hot").length,
      warm: list.filter((c) => c.engine.qualification.tier === "warm").length,
      cold: list.filter((c) => c.engine.qualification.tier === "cold").length,
    },
    // F21
    speed: speedFigures(list, targetMs, now),
  }));
}
