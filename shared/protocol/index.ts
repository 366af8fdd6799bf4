export * from "./errors.ts";
export * from "./events.ts";
export * from "./limits.ts";
export * from "./model.ts";
export * from "./sites.ts";
export * from "./webhooks.ts";
