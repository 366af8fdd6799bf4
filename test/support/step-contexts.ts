// What the server may tell the engine a handoff would meet (shared/engine SPEC H1), for the engine's tests: nobody
// online (the site's fallback is a callback), or outside business hours with a booking link.
import type { StepContext } from "../../shared/engine/index.ts";

export const now = Date.UTC(2026, 10, 26, 12);
export const nobody: StepContext = { handoff: "nobody", fallback: { kind: "callback" } };
export const closedBooking: StepContext = {
  handoff: "closed",
  fallback: { kind: "booking", url: "https://cal.example/acme", label: "Book a call" },
};
