// Banter('track', name, props) checked against behaviourLimits (shared/protocol/behaviour.ts) before it is kept:
// the event, or what is wrong, for the host page's console.
import { behaviourLimits as limits, type TrackedEvent, trackedEventName } from "../protocol/behaviour.ts";

export function trackedEvent(name: unknown, props: unknown, at: number): TrackedEvent | string {
  if (typeof name !== "string" || !trackedEventName.test(name)) {
    return `track(name, props) takes a name of 1 to ${limits.eventName} letters, digits, spaces or . _ : / -`;
  }
  if (props === undefined) return { name, at };
  if (!props || typeof props !== "object" || Array.isArray(props)) return `track("${name}", props): props is an object`;
  const entries = Object.entries(props);
  if (entries.length > limits.props) return `track("${name}", props): at most ${limits.props} properties`;
  for (const [k, v] of entries) {
    const ok =
      k.length >= 1 &&
      k.length <= limits.propKey &&
      ((typeof v === "string" && v.length <= limits.propValue) ||
        (typeof v === "number" && Number.isFinite(v)) ||
        typeof v === "boolean");
    if (!ok) {
      return `track("${name}", props): "${k.slice(0, 40)}" needs a key of 1 to ${limits.propKey} characters and a string (at most ${limits.propValue} characters), number or boolean`;
    }
  }
  return { name, props: Object.fromEntries(entries) as TrackedEvent["props"] & object, at };
}
