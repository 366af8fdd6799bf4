// Editing the lists of the form (questions, options, rules, disqualifiers): the buttons of one item, its legend's
// name, and the id a new item gets.
import { fieldId, move, removeAt } from "./draft.ts";
import { focusField } from "./summary.tsx";

// Move up / down / remove for one item of a list, named with the item so each button says what it acts on.
// Focus follows the item it moved, or goes to the list when the item is gone, never to the page's top.
export function ItemActions(props: {
  list: unknown[];
  at: number;
  name: string;
  path: string;
  set(list: unknown[]): void;
}) {
  const { list, at, name, path } = props;
  const id = (i: number, which: string) => `${fieldId(`${path}.${i}`)}-${which}`;
  const moveBy = (delta: -1 | 1) => {
    props.set(move(list, at, delta));
    const to = at + delta;
    // The same button at the item's new place, unless it is disabled there (moved to an end): then the other.
    const sameEnabled = delta < 0 ? to > 0 : to < list.length - 1;
    const which = delta < 0 === sameEnabled ? "up" : "down";
    setTimeout(() => document.getElementById(id(to, which))?.focus(), 0);
  };
  return (
    <div class="pb-actions">
      <button
        type="button"
        id={id(at, "up")}
        class="console-button-quiet"
        disabled={at === 0}
        onClick={() => moveBy(-1)}
      >
        Move up<span class="banter-sr"> {name}</span>
      </button>
      <button
        type="button"
        id={id(at, "down")}
        class="console-button-quiet"
        disabled={at === list.length - 1}
        onClick={() => moveBy(1)}
      >
        Move down<span class="banter-sr"> {name}</span>
      </button>
      <button
        type="button"
        class="console-button-quiet"
        onClick={() => {
          props.set(removeAt(list, at));
          setTimeout(() => focusField(path), 0);
        }}
      >
        Remove<span class="banter-sr"> {name}</span>
      </button>
    </div>
  );
}

// A legend's name from the draft, which in the JSON view may have been given any JSON at all.
export const named = (v: unknown) => (typeof v === "string" ? v : "");

// A fresh id that no item of the list has yet ("option-3").
export function freshId(prefix: string, taken: unknown[]): string {
  const used = new Set(taken.map(String));
  let n = taken.length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
