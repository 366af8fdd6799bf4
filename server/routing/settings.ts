import type { RoutingSettings, Site } from "../store/types.ts";

// What a site gets until its owner says otherwise: ring every eligible rep, wait two minutes, then offer a
// callback.
export const defaultRouting: RoutingSettings = {
  strategy: "round-robin",
  offerMode: "all",
  ringTimeoutMs: 20_000,
  maxWaitMs: 120_000,
  fallback: { kind: "callback" },
};

export function routingOf(site: Site | null): RoutingSettings {
  return { ...defaultRouting, ...site?.routing };
}

// How long a console tab counts as open after its last heartbeat (tabs beat every 10 s).
export const tabTtlMs = 30_000;
export const defaultCapacity = 3;
