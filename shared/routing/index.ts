export { chooseRep, eligible, escalation, type RepSnapshot } from "./choose.ts";
export { isOpen, nextOpening } from "./hours.ts";
export { estimateWait, nextAverage } from "./queue.ts";
