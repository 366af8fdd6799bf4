// Keeps the memory store's maps on disk (DATA_DIR), so the embedded store survives a restart. Reads stay plain Map
// reads; every change is recorded by key and written about once a second, in one checksummed batch, to an
// append-only journal (then fsync). Now and then the whole state is written to a snapshot (a temp file, fsync,
// rename) and the journals before it are dropped. A crash (kill -9, power loss) loses at most the last second, and
// a batch torn half-way is dropped whole, so a load always sees the state as it was at one flush.
//
// Generic over the state: every Map or Set property of the state is kept (memory/state.ts lists the few that are
// not). Maps and Sets inside them are tracked too, by key, so one more conversation in a site's index writes one
// entry, not the whole index. Any other value (a record, an array, a thread) is written whole: set() marks it, and
// so do get() and iteration, since the areas change some values in place (a thread's messages, a mail log); such
// a value is written again only when its bytes changed since it was last compared (by hash).
import { hash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
} from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import { setOf } from "./state.ts";

type Container = Map<unknown, unknown> | Set<unknown>;
type Root = Record<string, unknown>;
// A put carries the value; a delete has none. A batch of ops is one v8 serialization (documented safe to store,
// and it keeps Maps and Sets inside values as they are): one call per batch, as a call costs more than its bytes.
type Op = [path: unknown[], value?: unknown];

export interface PersistOptions {
  // How often changes are written and synced: the most a crash can lose.
  flushMs?: number;
  // A snapshot is written once the journal outgrows the last snapshot and this many bytes.
  compactBytes?: number;
}

const format = 1;
const isContainer = (v: unknown): v is Container => v instanceof Map || v instanceof Set;
// A value written whole, that the areas may change in place.
const isDocument = (v: unknown): v is object => v !== null && typeof v === "object" && !isContainer(v);
const digest = (bytes: Uint8Array) => hash("sha1", bytes, "base64");

// Where a tracked container hangs: its parent (the state for a top-level map) and its key there.
interface Link {
  journal: Journal;
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
      link.journal.attach(value, this, key);
      link.journal.changed(this, key);
    }
    return this;
  }
  override delete(key: K): boolean {
    const had = super.delete(key);
    if (had) links.get(this)?.journal.changed(this, key);
    return had;
  }
  override clear(): void {
    for (const key of [...super.keys()]) this.delete(key);
  }
  override get(key: K): V | undefined {
    const value = super.get(key);
    if (isDocument(value)) links.get(this)?.journal.touched(this, key);
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
    const journal = links.get(this)?.journal;
    if (!journal) return;
    for (const [key, value] of rawEntries.call(this) as MapIterator<[K, V]>) {
      if (isDocument(value)) journal.touched(this, key);
    }
  }
}

class TrackedSet<T> extends Set<T> {
  override add(value: T): this {
    const had = super.has(value);
    super.add(value);
    if (!had) links.get(this)?.journal.changed(this, value);
    return this;
  }
  override delete(value: T): boolean {
    const had = super.delete(value);
    if (had) links.get(this)?.journal.changed(this, value);
    return had;
  }
  override clear(): void {
    for (const value of [...super.values()]) this.delete(value);
  }
}

// Framing, for the journal and the snapshot alike: [length u32][crc32 u32][payload], payload = serialize(Op[]).
function frame(ops: Op[] | { format: number }): Buffer {
  const payload = serialize(ops);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

// The records of a file, in order, and the offset after the last whole one (a torn tail ends the reading).
function* records(fd: number): Generator<{ payload: unknown; end: number }> {
  let at = 0;
  const head = Buffer.alloc(8);
  const size = fstatSync(fd).size;
  for (;;) {
    if (readSync(fd, head, 0, 8, at) < 8) return;
    const length = head.readUInt32LE(0);
    if (at + 8 + length > size) return;
    const payload = Buffer.alloc(length);
    if (readSync(fd, payload, 0, length, at + 8) < length || crc32(payload) !== head.readUInt32LE(4)) return;
    at += 8 + length;
    yield { payload: deserialize(payload), end: at };
  }
}

const fileName = (kind: "snapshot" | "journal", gen: number) => `${kind}-${String(gen).padStart(8, "0")}.bin`;
const genOf = (kind: string, name: string) => {
  const m = new RegExp(`^${kind}-(\\d{8})\\.bin$`).exec(name);
  return m ? Number(m[1]) : null;
};

function syncDir(dir: string) {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class Journal {
  private readonly changes = new Map<Container, Set<unknown>>();
  private readonly touches = new Map<Map<unknown, unknown>, Set<unknown>>();
  // The hash of each document as last compared: a document read but not changed is not written again. Set when a
  // read document is compared, not when a changed one is written (hashing costs as much as writing).
  private readonly written = new WeakMap<object, string>();
  private file: FileHandle | null = null;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private gen = 1;
  private timer: NodeJS.Timeout | undefined;
  // Flushes and compactions run one after another.
  private queue: Promise<void> = Promise.resolve();
  private compacting = false;
  // Set by close(): its last flush must not start a compaction that would run on after close() returned.
  private closing = false;
  private failure: Error | null = null;
  private readonly flushMs: number;
  private readonly compactBytes: number;

  constructor(
    private readonly root: Root,
    private readonly names: string[],
    private readonly dir: string,
    options: PersistOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.compactBytes = options.compactBytes ?? 16 * 1024 * 1024;
  }

  // Reads the data directory into the state (still plain Maps), then tracks it and starts writing.
  async open() {
    mkdirSync(this.dir, { recursive: true });
    const files = readdirSync(this.dir);
    for (const f of files) if (f.endsWith(".tmp")) rmSync(join(this.dir, f), { force: true });
    const snapshots = files.map((f) => genOf("snapshot", f)).filter((g): g is number => g !== null);
    const base = snapshots.length ? Math.max(...snapshots) : 0;
    if (base) this.snapshotBytes = this.load(join(this.dir, fileName("snapshot", base)), false);
    // Every journal from the snapshot's on: a crash during a compaction leaves two.
    const journals = files
      .map((f) => genOf("journal", f))
      .filter((g): g is number => g !== null && g >= base)
      .sort((a, b) => a - b);
    for (const g of journals) this.journalBytes = this.load(join(this.dir, fileName("journal", g)), true);
    this.gen = journals.at(-1) ?? Math.max(base, 1);
    for (const f of files) {
      const g = genOf("snapshot", f) ?? genOf("journal", f);
      if (g !== null && g < base) rmSync(join(this.dir, f), { force: true });
    }
    this.file = await open(join(this.dir, fileName("journal", this.gen)), "a");
    // A torn tail is cut off, so that the next batch follows the last whole one.
    await this.file.truncate(this.journalBytes);
    if (this.journalBytes === 0) await this.startJournal();
    for (const name of this.names) this.attach(this.root[name], null, name);
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  // Applies one file's records; returns the bytes read whole. A journal may end torn (a crash mid-write); a
  // snapshot is complete by its rename, so a bad record in it is corruption and stops the start.
  private load(path: string, tornOk: boolean): number {
    const fd = openSync(path, "r");
    let end = 0;
    try {
      for (const record of records(fd)) {
        if (Array.isArray(record.payload)) for (const op of record.payload as Op[]) this.apply(op);
        else if ((record.payload as { format?: number }).format !== format)
          throw new Error(`${path} was written by another version of Banter's store (format ${format} expected)`);
        end = record.end;
      }
      const size = readSync(fd, Buffer.alloc(1), 0, 1, end);
      if (size > 0 && !tornOk) throw new Error(`${path} is damaged after byte ${end}: restore it from a backup`);
    } finally {
      closeSync(fd);
    }
    return end;
  }

  private apply(op: Op) {
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
    if (link?.journal === this) {
      link.parent = parent;
      link.key = key;
      return;
    }
    links.set(value, { journal: this, parent, key });
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

  // Each changed key's current value (or its absence), and each document read since whose bytes changed. Written
  // in any order, these bring the file to the state as it is now.
  private collect(): Op[] {
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

  private async startJournal() {
    this.journalBytes = 0;
    await this.append(frame({ format }));
    syncDir(this.dir);
  }

  // Appends one batch and syncs it ("a": the file's end is always the end of the last whole batch).
  private async append(buf: Buffer) {
    const file = this.file as FileHandle;
    try {
      await file.write(buf);
      await file.datasync();
      this.journalBytes += buf.length;
    } catch (err) {
      // Nothing half-written stays behind the last whole batch.
      await file.truncate(this.journalBytes).catch(() => {});
      throw err;
    }
  }

  // Writes what changed since the last flush. The batch is collected synchronously: the state at one moment.
  flush(): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (!this.file) return;
      const ops = this.collect();
      if (ops.length === 0) return;
      try {
        await this.append(frame(ops));
        this.failure = null;
      } catch (err) {
        // The disk refused (full?): these changes are lost from the file; keep serving, say so on close.
        this.failure = err as Error;
      }
      if (!this.compacting && !this.closing && this.journalBytes > Math.max(this.compactBytes, this.snapshotBytes)) {
        void this.compact();
      }
    });
    return this.queue;
  }

  // A new snapshot of the whole state, written a slice at a time so requests keep being served. Changes made
  // meanwhile go to the next journal, which is read after the snapshot: a crash at any point loses nothing.
  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      await this.flush();
      const gen = this.gen + 1;
      this.queue = this.queue.then(async () => {
        await this.file?.close();
        this.gen = gen;
        this.file = await open(join(this.dir, fileName("journal", gen)), "a");
        await this.startJournal();
      });
      await this.queue;
      const tmp = join(this.dir, `${fileName("snapshot", gen)}.tmp`);
      const snapshot = await open(tmp, "w");
      let bytes = 0;
      try {
        const write = async (buf: Buffer) => {
          await snapshot.write(buf);
          bytes += buf.length;
        };
        await write(frame({ format }));
        let ops: Op[] = [];
        for (const name of this.names) {
          const top = this.root[name] as Container;
          const entries = top instanceof Map ? rawEntries.call(top) : Set.prototype.values.call(top);
          for (const entry of entries) {
            const [key, value] = top instanceof Map ? (entry as [unknown, unknown]) : [entry, true];
            ops.push([[name, key], value]);
            if (ops.length < 1000) continue;
            // Between slices (writes are awaited), requests are served; the iterators see their changes.
            await write(frame(ops));
            ops = [];
          }
        }
        if (ops.length) await write(frame(ops));
        await snapshot.sync();
      } finally {
        await snapshot.close();
      }
      // The journal catches up with what changed while the snapshot was written, before the snapshot counts.
      await this.flush();
      renameSync(tmp, join(this.dir, fileName("snapshot", gen)));
      syncDir(this.dir);
      this.snapshotBytes = bytes;
      for (const f of readdirSync(this.dir)) {
        const g = genOf("snapshot", f) ?? genOf("journal", f);
        if (g !== null && g < gen) rmSync(join(this.dir, f), { force: true });
      }
    } finally {
      this.compacting = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    while (this.compacting) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.flush();
    await this.file?.close();
    this.file = null;
    if (this.failure) throw new Error(`the data directory could not be written: ${this.failure.message}`);
  }
}
