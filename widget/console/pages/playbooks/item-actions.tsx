// Editing the lists of the form (questions, options, rules, disqualifiers): the buttons of one item, its legend's
// name, and the id a new item gets.
import type { ComponentChildren } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { fieldId, move, removeAt } from "./draft.ts";
import { Editor } from "./fields.tsx";
import { focusField } from "./summary.tsx";

// Move up / down / remove for one item of a list, named with the item so each button says what it acts on.
// Focus follows the item it moved, or goes to the list when the item is gone, never to the page's top.
export function ItemActions(props: {
  list: unknown[];
  at: number;
  name: string;
  path: string;
  set(list: unknown[]): void;
  // Told where the item went (null: removed), for a list that keeps which items are open.
  moved?(from: number, to: number | null): void;
}) {
  const { list, at, name, path } = props;
  const id = (i: number, which: string) => `${fieldId(`${path}.${i}`)}-${which}`;
  const moveBy = (delta: -1 | 1) => {
    props.set(move(list, at, delta));
    const to = at + delta;
    props.moved?.(at, to);
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
          props.moved?.(at, null);
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

// The line of an item shown closed until chosen (an answer, a scoring rule): what it is, and whether it has problems.
export function ItemToggle(props: {
  open: boolean;
  path: string;
  erred: boolean;
  toggle(): void;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="pb-answer-toggle"
      aria-expanded={props.open}
      aria-controls={props.open ? fieldId(props.path) : undefined}
      onClick={props.toggle}
    >
      {props.children}
      {props.erred && <span class="pb-error">Has problems</span>}
    </button>
  );
}

// Which items of a list at `path` are open, by place (their ids can be edited, so they are no key): moving or removing
// one moves the others' state with them (ItemActions' `moved`). An item with a problem opens to show it, and stays
// open while the owner fixes it.
export function useOpenItems(path: string, count: number) {
  const { errors } = useContext(Editor);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const erred = [...Array(count).keys()].map((i) =>
    [...errors.keys()].some((k) => k === `${path}.${i}` || k.startsWith(`${path}.${i}.`)),
  );
  useEffect(() => {
    const bad = erred.flatMap((e, i) => (e && !open.has(i) ? [i] : []));
    if (bad.length > 0) setOpen(new Set([...open, ...bad]));
  }, [errors]);
  return {
    erred,
    isOpen: (i: number) => open.has(i),
    toggle(i: number) {
      const next = new Set(open);
      if (!next.delete(i)) next.add(i);
      setOpen(next);
    },
    moved(from: number, to: number | null) {
      const order = [...Array(Math.max(count, ...open) + 1).keys()];
      const [item] = order.splice(from, 1);
      if (to !== null) order.splice(to, 0, item as number);
      setOpen(new Set(order.flatMap((was, now) => (open.has(was) ? [now] : []))));
    },
  };
}
