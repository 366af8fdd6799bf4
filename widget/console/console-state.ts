// visitor-typing.ts still names the reducer's actions here; it is leaving for widget/transport/, and this line
// with it.
export type { Action } from "./desk/console-state.ts";
