import type { RoutingSettings, Site } from "../store/types.ts";

// What a site gets until its owner says otherwise: ring every eligible rep, wait two minutes, then offer a
// callback.
export const defaultRouting: RoutingSettings = {
  strategy: "round-robin",
  offerMode: "all",
  ringTimeoutMs: 20_000,
  maxWaitMs: 120_000,
  fallback: { kind: "callback" },
  sla: { liveMs: 60_000 },
};

export function routingOf(site: Site | null): RoutingSettings {
  // Sites saved before the targets existed, or with one of them, get the defaults for what they lack.
  return { ...defaultRouting, ...site?.routing, sla: { ...defaultRouting.sla, ...site?.routing?.sla } };
}

// How long a console tab counts as open after its last heartbeat: the console beats every 10 s and the
// transport's ping every 25 s, so a tab whose connection is gone is offline within about 40 s.
export const tabTtlMs = 40_000;
export const defaultCapacity = 3;
