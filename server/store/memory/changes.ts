// What changed in the memory store's state since it was last asked: the embedded store on disk (persist.ts)
// writes only that. Generic over the state: every Map or Set property the caller names is tracked (memory/state.ts
// lists the few that are not). Maps and Sets inside them are tracked too, by key, so one more conversation in a
// site's index is one entry, not the whole index. Any other value (a record, an array, a thread) is written whole:
// set() marks it, and so do get() and iteration, since the areas change some values in place (a thread's messages,
// a mail log); such a value is written again only when its bytes changed since it was last compared (by hash).
import { hash } from "node:crypto";
import { serialize } from "node:v8";
import { setOf } from "./state.ts";

type Container = Map<unknown, unknown> | Set<unknown>;
export type Root = Record<string, unknown>;
// One change, by its path from the state: a put carries the value; a delete has none.
export type Op = [path: unknown[], value?: unknown];

const isContainer = (v: unknown): v is Container => v instanceof Map || v instanceof Set;
// A value written whole, that the areas may change in place.
const isDocument = (v: unknown): v is object => v !== null && typeof v === "object" && !isContainer(v);
const digest = (bytes: Uint8Array) => hash("sha1", bytes, "base64");

// Where a tracked container hangs: its parent (the state for a top-level map) and its key there.
interface Link {
  changes: Changes;
  parent: Container | null;
  key: unknown;
}
const links = new WeakMap<object, Link>();

const rawGet = Map.prototype.get;
const rawHas = Map.prototype.has;
const rawEntries = Map.prototype.entries;
const rawSetHas = Set.prototype.has;

// The state's own Maps become TrackedMaps by prototype, in place: the areas hold the same objects and code such as
// setOf(map, key, () => new Set()).add(id) is caught whichever line makes or changes the inner Set.
class TrackedMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    super.set(key, value);
    const link = links.get(this);
    if (link) {
      link.changes.attach(value, this, key);
      link.changes.changed(this, key);
    }
    return this;
  }
  override delete(key: K): boolean {
    const had = super.delete(key);
    if (had) links.get(this)?.changes.changed(this, key);
    return had;
  }
  override clear(): void {
    for (const key of [...super.keys()]) this.delete(key);
  }
  override get(key: K): V | undefined {
    const value = super.get(key);
    if (isDocument(value)) links.get(this)?.changes.touched(this, key);
    return value;
  }
  override entries(): MapIterator<[K, V]> {
    this.touchAll();
    return super.entries();
  }
  override values(): MapIterator<V> {
    this.touchAll();
    return super.values();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.touchAll();
    super.forEach(fn, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  private touchAll() {
    const changes = links.get(this)?.changes;
    if (!changes) return;
    for (const [key, value] of rawEntries.call(this) as MapIterator<[K, V]>) {
      if (isDocument(value)) changes.touched(this, key);
    }
  }
}

class TrackedSet<T> extends Set<T> {
  override add(value: T): this {
    const had = super.has(value);
    super.add(value);
    if (!had) links.get(this)?.changes.changed(this, value);
    return this;
  }
  override delete(value: T): boolean {
    const had = super.delete(value);
    if (had) links.get(this)?.changes.changed(this, value);
    return had;
  }
  override clear(): void {
    for (const value of [...super.values()]) this.delete(value);
  }
}

export class Changes {
  private readonly changes = new Map<Container, Set<unknown>>();
  private readonly touches = new Map<Map<unknown, unknown>, Set<unknown>>();
  // The hash of each document as last compared: a document read but not changed is not written again. Set when a
  // read document is compared, not when a changed one is written (hashing costs as much as writing).
  private readonly written = new WeakMap<object, string>();

  constructor(
    private readonly root: Root,
    private readonly names: string[],
  ) {}

  // From now on, every change to the named maps is recorded.
  track() {
    for (const name of this.names) this.attach(this.root[name], null, name);
  }

  // Applies one change read back from disk to the state (before track(): plain Maps).
  apply(op: Op) {
    const [path, value] = op;
    // A map this version no longer has is skipped (and gone at the next snapshot).
    if (!this.names.includes(path[0] as string)) return;
    let container: unknown = this.root[path[0] as string];
    for (const key of path.slice(1, -1)) container = container instanceof Map ? container.get(key) : undefined;
    const key = path.at(-1);
    if (container instanceof Map) {
      if (op.length === 2) container.set(key, value);
      else container.delete(key);
    } else if (container instanceof Set) {
      if (op.length === 2) container.add(key);
      else container.delete(key);
    }
  }

  attach(value: unknown, parent: Container | null, key: unknown) {
    if (!isContainer(value)) return;
    const link = links.get(value);
    if (link?.changes === this) {
      link.parent = parent;
      link.key = key;
      return;
    }
    links.set(value, { changes: this, parent, key });
    if (value instanceof Map) {
      Object.setPrototypeOf(value, TrackedMap.prototype);
      for (const [k, v] of rawEntries.call(value)) this.attach(v, value, k);
    } else Object.setPrototypeOf(value, TrackedSet.prototype);
  }

  changed(container: Container, key: unknown) {
    setOf(this.changes, container, () => new Set()).add(key);
  }

  touched(container: Map<unknown, unknown>, key: unknown) {
    setOf(this.touches, container, () => new Set()).add(key);
  }

  // A container's path from the state, or null when it no longer hangs there (its parent's change covers it).
  private pathOf(container: Container): unknown[] | null {
    const path: unknown[] = [];
    for (let c: Container | null = container; c; ) {
      const link = links.get(c);
      if (!link) return null;
      const here = link.parent ? rawGet.call(link.parent, link.key) : this.root[link.key as string];
      if (here !== c) return null;
      path.unshift(link.key);
      c = link.parent;
    }
    return path;
  }

  // Each changed key's current value (or its absence), and each document read since whose bytes changed, and
  // forgets them. Applied in any order, these bring what was collected before to the state as it is now.
  collect(): Op[] {
    const ops: Op[] = [];
    for (const [container, keys] of this.changes) {
      const path = this.pathOf(container);
      if (!path) continue;
      for (const key of keys) {
        if (container instanceof Map) {
          if (!rawHas.call(container, key)) ops.push([[...path, key]]);
          else {
            const value = rawGet.call(container, key);
            // Compared with the file no more: the next read writes it once and compares again.
            if (isDocument(value)) this.written.delete(value);
            ops.push([[...path, key], value]);
          }
        } else if (rawSetHas.call(container, key)) ops.push([[...path, key], true]);
        else ops.push([[...path, key]]);
      }
    }
    for (const [container, keys] of this.touches) {
      const path = this.pathOf(container);
      if (!path) continue;
      const changed = this.changes.get(container);
      for (const key of keys) {
        const value = rawGet.call(container, key);
        if (changed?.has(key) || !isDocument(value)) continue;
        const sum = digest(serialize(value));
        if (this.written.get(value) === sum) continue;
        this.written.set(value, sum);
        ops.push([[...path, key], value]);
      }
    }
    this.changes.clear();
    this.touches.clear();
    return ops;
  }

  // The whole state as puts, `size` at a time (a snapshot). Iterated without marking anything read; changes made
  // between two slices are seen by the iterators, and recorded as any other.
  *everything(size: number): Generator<Op[]> {
    let ops: Op[] = [];
    for (const name of this.names) {
      const top = this.root[name] as Container;
      const entries = top instanceof Map ? rawEntries.call(top) : Set.prototype.values.call(top);
      for (const entry of entries) {
        const [key, value] = top instanceof Map ? (entry as [unknown, unknown]) : [entry, true];
        ops.push([[name, key], value]);
        if (ops.length < size) continue;
        yield ops;
        ops = [];
      }
    }
    if (ops.length) yield ops;
  }
}
