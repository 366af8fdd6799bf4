// H1: what the bot says when it would hand the visitor to a person, told by the server whether a rep will really be
// rung. One coherent message: a promise only of what will happen.
import { copyOf } from "./copy.ts";
import type { Playbook } from "./playbook.ts";
import type { Effect, Route, StepContext } from "./state.ts";

// The server's answer when it gives none: a rep will be rung (the engine's behaviour before H1, and what the
// playbook preview shows).
export const ringing: StepContext = { handoff: "ring", fallback: { kind: "callback" } };

type Say = Extract<Effect, { type: "say" }>;

// Why nobody can take the chat now, and what the site offers instead ("Nobody from the team is online right now,
// but you can book a time that suits you:" with the link).
export function unavailableLine(playbook: Playbook, ctx: StepContext, opener?: string): Say {
  const why = copyOf(playbook, ctx.handoff === "closed" ? "closedHours" : "unavailable");
  const instead = copyOf(playbook, ctx.fallback.kind === "booking" ? "booking" : "callback");
  const text = [opener, why, instead].filter(Boolean).join(" ");
  return ctx.fallback.kind === "booking"
    ? { type: "say", text, link: { url: ctx.fallback.url, label: ctx.fallback.label } }
    : { type: "say", text };
}

// A hot lead (`hot`) or a visitor who asked for a person: the line to say and where the lead goes.
export function handoffLine(
  playbook: Playbook,
  ctx: StepContext,
  why: "hot" | "asked",
  copy?: string,
): { say: Say; route: Route } {
  if (ctx.handoff === "ring") {
    const text = copy ?? (why === "hot" ? playbook.copy.handoff : playbook.copy.human);
    return { say: { type: "say", text }, route: "ring" };
  }
  const opener = why === "hot" ? copyOf(playbook, "qualified") : undefined;
  return { say: unavailableLine(playbook, ctx, opener), route: "fallback" };
}
