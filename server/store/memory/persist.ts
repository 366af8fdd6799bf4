// Keeps the memory store's maps on disk (DATA_DIR), so the embedded store survives a restart. Reads stay plain Map
// reads; what changed (changes.ts) is written about once a second, in one checksummed batch, to an append-only
// journal (then fsync). Now and then, and at a clean close, the whole state is written to a snapshot (a temp file,
// fsync, rename) and the journals before it are dropped. A crash (kill -9, power loss) loses at most the last
// second, and a batch torn half-way is dropped whole, so a load always sees the state as it was at one flush.
//
// A write the disk refuses (full, EIO) is kept: the batch is written again, before what changed since, at every
// flush until the disk takes it. Meanwhile `failing` is true (the server is not ready, readiness.ts) and the
// owner is told once when it starts and once when it ends (onWriteFailure).
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
import { open } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import { Changes, type Op, type Root } from "./changes.ts";

// The few calls made on an open data file; the tests give one whose writes fail.
export interface DataFile {
  write(buf: Buffer): Promise<unknown>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface PersistOptions {
  // How often changes are written and synced: the most a crash can lose.
  flushMs?: number;
  // A snapshot is written once the journal outgrows the last snapshot and this many bytes.
  compactBytes?: number;
  // Told when writes to the data directory start failing (with the error), and when they succeed again (null).
  onWriteFailure?: (err: Error | null) => void;
  // Opens a journal ("a") or a snapshot ("w").
  openFile?: (path: string, flags: "a" | "w") => Promise<DataFile>;
}

// The files' version, written first in each. A batch of ops is one v8 serialization (documented safe to store,
// and it keeps Maps and Sets inside values as they are): one call per batch, as a call costs more than its bytes.
const format = 1;

// Framing, for the journal and the snapshot alike: [length u32][crc32 u32][payload], payload = serialize(Op[]) or
// the header, { format }.
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

const header = frame({ format });

export class Journal {
  private readonly changes: Changes;
  private file: DataFile | null = null;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private gen = 1;
  private timer: NodeJS.Timeout | undefined;
  // Flushes and compactions run one after another; a step that fails does not stop the ones after it.
  private queue: Promise<void> = Promise.resolve();
  private compacting = false;
  // Set by close(): its last flush must not start a compaction that would run on after close() returned.
  private closing = false;
  // The last write's error while writes fail; the batch the disk refused, written again at the next flush.
  private failure: Error | null = null;
  private refused: Op[] = [];
  // A batch failed half-way and its bytes could not be cut off yet: cut before the next is appended.
  private torn = false;
  private readonly flushMs: number;
  private readonly compactBytes: number;
  private readonly openFile: (path: string, flags: "a" | "w") => Promise<DataFile>;

  constructor(
    root: Root,
    names: string[],
    private readonly dir: string,
    private readonly options: PersistOptions = {},
  ) {
    this.changes = new Changes(root, names);
    this.flushMs = options.flushMs ?? 1000;
    this.compactBytes = options.compactBytes ?? 16 * 1024 * 1024;
    this.openFile = options.openFile ?? open;
  }

  // True while the disk refuses writes: what changed is kept in memory and written once it takes it.
  get failing(): boolean {
    return this.failure !== null;
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
    this.file = await this.openJournal(this.gen, this.journalBytes);
    this.changes.track();
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
        if (Array.isArray(record.payload)) for (const op of record.payload as Op[]) this.changes.apply(op);
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

  // Journal `gen`, its first `keep` bytes kept (a torn tail is cut off, so that the next batch follows the last
  // whole one); a journal kept empty is started with its header.
  private async openJournal(gen: number, keep: number): Promise<DataFile> {
    const file = await this.openFile(join(this.dir, fileName("journal", gen)), "a");
    try {
      await file.truncate(keep);
      if (keep === 0) {
        await file.write(header);
        await file.datasync();
        syncDir(this.dir);
      }
    } catch (err) {
      await file.close().catch(() => {});
      throw err;
    }
    this.journalBytes = keep || header.length;
    return file;
  }

  // Runs `step` after the flushes and compaction steps before it; a failed one leaves the queue running.
  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => {});
    return run;
  }

  // Appends one batch and syncs it ("a": the file's end is always the end of the last whole batch).
  private async append(buf: Buffer) {
    const file = this.file as DataFile;
    if (this.torn) {
      await file.truncate(this.journalBytes);
      this.torn = false;
    }
    try {
      await file.write(buf);
      await file.datasync();
      this.journalBytes += buf.length;
    } catch (err) {
      // Nothing half-written stays behind the last whole batch (or it is cut before the next one).
      this.torn = true;
      await file.truncate(this.journalBytes).then(
        () => {
          this.torn = false;
        },
        () => {},
      );
      throw err;
    }
  }

  // Told once when writes start failing and once when they succeed again.
  private wrote(err: Error | null) {
    const was = this.failure !== null;
    this.failure = err;
    if (was !== (err !== null)) this.options.onWriteFailure?.(err);
  }

  // Writes what changed since the last flush, after a batch the disk refused before. The batch is collected
  // synchronously: the state at one moment.
  flush(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.file) return;
      // Applied in order on load: the refused batch first, then what changed since, which is newer.
      const ops = [...this.refused, ...this.changes.collect()];
      if (ops.length > 0) {
        try {
          await this.append(frame(ops));
          this.refused = [];
          this.wrote(null);
        } catch (err) {
          this.refused = ops;
          this.wrote(err as Error);
        }
      }
      // A journal past its size gets a snapshot; so does one whose snapshot failed (tried again at each flush),
      // once the journal itself is written.
      const due = this.journalBytes > Math.max(this.compactBytes, this.snapshotBytes) || this.failing;
      if (due && this.refused.length === 0 && !this.compacting && !this.closing) void this.compact();
    });
  }

  // A new snapshot of the whole state, written a slice at a time so requests keep being served. Changes made
  // meanwhile go to the next journal, which is read after the snapshot: a crash at any point loses nothing. A
  // disk that refuses it leaves the files as they were (and is reported as a failing flush is).
  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    const gen = this.gen + 1;
    const tmp = join(this.dir, `${fileName("snapshot", gen)}.tmp`);
    try {
      // Not while the journal's own writes are refused: they are tried again first.
      await this.flush();
      if (this.refused.length > 0) return;
      await this.enqueue(async () => {
        const next = await this.openJournal(gen, 0);
        await this.file?.close().catch(() => {});
        this.file = next;
        this.gen = gen;
      });
      const snapshot = await this.openFile(tmp, "w");
      let bytes = 0;
      try {
        const write = async (buf: Buffer) => {
          await snapshot.write(buf);
          bytes += buf.length;
        };
        await write(header);
        // Between slices (writes are awaited), requests are served; the iterators see their changes.
        for (const ops of this.changes.everything(1000)) await write(frame(ops));
        await snapshot.sync();
      } finally {
        await snapshot.close();
      }
      // The journal catches up with what changed while the snapshot was written, before the snapshot counts.
      await this.flush();
      if (this.refused.length > 0) throw this.failure;
      renameSync(tmp, join(this.dir, fileName("snapshot", gen)));
      syncDir(this.dir);
      this.snapshotBytes = bytes;
      for (const f of readdirSync(this.dir)) {
        const g = genOf("snapshot", f) ?? genOf("journal", f);
        if (g !== null && g < gen) rmSync(join(this.dir, f), { force: true });
      }
      this.wrote(null);
    } catch (err) {
      rmSync(tmp, { force: true });
      this.wrote(err as Error);
    } finally {
      this.compacting = false;
    }
  }

  // Writes what is left and, when the journal holds anything, a snapshot: a clean stop leaves one snapshot and an
  // empty journal, so the next start reads one file. Throws when the disk still refuses.
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    while (this.compacting) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.flush();
    if (!this.failing && this.journalBytes > header.length) await this.compact();
    await this.file?.close();
    this.file = null;
    if (this.failure) throw new Error(`the data directory could not be written: ${this.failure.message}`);
  }
}
