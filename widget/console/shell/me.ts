// The signed-in user changed their own account (their name): the header, which the app draws above every page,
// hears of it without a reload.
import type { RepUser } from "../../../shared/protocol/index.ts";

let listener: ((user: RepUser) => void) | undefined;

export function whenMeChanged(handler: ((user: RepUser) => void) | undefined): void {
  listener = handler;
}

export function meChanged(user: RepUser): void {
  listener?.(user);
}
