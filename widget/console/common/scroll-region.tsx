// A wide table on a narrow screen scrolls sideways in its own box, never the page. The box takes keyboard focus,
// so arrow keys scroll it, and has a name, so a screen reader says what the stop is.
import type { ComponentChildren } from "preact";

export function ScrollRegion(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section class="console-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
