export { accept, atCapacity } from "./accept.ts";
export { awaitsCallback, botFinished, callbackLeft } from "./bot.ts";
export { type ClosedBy, close, fallBack } from "./close.ts";
export { hasEnded, type Life, notYours, type Person, type Step } from "./life.ts";
export { backToQueue, cannotTake, transfer } from "./live.ts";
export { breach, decline, ring, ringingFor, ringTimedOut } from "./offer.ts";
export { notRatable, rate } from "./rate.ts";
