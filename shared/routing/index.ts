export { chooseRep, eligible, type RepSnapshot, type Strategy } from "./choose.ts";
export { type BusinessHours, isOpen } from "./hours.ts";
export { estimateWait, nextAverage } from "./queue.ts";
