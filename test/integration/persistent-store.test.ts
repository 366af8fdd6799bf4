// The embedded store kept on disk (server/store/memory/persist.ts): every map of the state is kept or declared
// short-lived, a torn write is dropped whole, a crash loses at most about a second, a clean close leaves one
// snapshot, a disk that refuses writes is reported at once (not ready) and loses nothing once it takes them again,
// one process per directory, and the real server keeps its owner and site key across a restart. The contract itself is checked by the store
// contract suite, restarted between calls (test/support/store-contract.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryConversations } from "../../server/store/memory/conversations.ts";
import { type DataFile, Journal, type PersistOptions } from "../../server/store/memory/persist.ts";
import { createMemoryState, type MemoryState, transientMaps } from "../../server/store/memory/state.ts";
import { openPersistentStore, persistedMaps } from "../../server/store/memory-store.ts";
import { logIn, ownerEmail, startApp } from "../support/app.ts";
import { banterProcess, freePort, until } from "../support/processes.ts";
import { conversation } from "../support/store-contract.ts";

const dirs: string[] = [];
const children: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "banter-data-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openState(dir: string, compactBytes?: number, options: PersistOptions = {}) {
  const state = createMemoryState(Date.now);
  const journal = new Journal(state as unknown as Record<string, unknown>, persistedMaps(state), dir, {
    ...options,
    ...(compactBytes === undefined ? {} : { compactBytes }),
  });
  await journal.open();
  return { state, journal };
}

// A disk that can be made to refuse writes, as a full one does: while `full`, a write puts down half its bytes
// and fails, and so do syncs and cuts; `only` those of the files it names.
function fillableDisk() {
  const disk = {
    full: false,
    only: /./,
    openFile: async (path: string, flags: "a" | "w"): Promise<DataFile> => {
      const file = await open(path, flags);
      const full = () => disk.full && disk.only.test(path);
      const refuse = () =>
        Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
      return {
        async write(buf: Buffer) {
          if (!full()) return file.write(buf);
          await file.write(buf.subarray(0, buf.length >> 1));
          return refuse();
        },
        datasync: () => (full() ? refuse() : file.datasync()),
        sync: () => (full() ? refuse() : file.sync()),
        truncate: (length: number) => (full() ? refuse() : file.truncate(length)),
        close: () => file.close(),
      };
    },
  };
  return disk;
}

const journalsAndSnapshots = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".bin"))
    .sort();

function child(script: string, dir: string) {
  const c = spawn(process.execPath, ["--import", "tsx", script, dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(c);
  let out = "";
  c.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  c.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { process: c, output: () => out };
}

describe("embedded store on disk", () => {
  it("keeps every map of the state but those declared short-lived, and nothing else is in the state", async () => {
    const dir = dataDir();
    const { state, journal } = await openState(dir);
    const kept = persistedMaps(state);
    const members = Object.entries(state) as [string, unknown][];
    for (const [name, value] of members) {
      // A new kind of member (an object of counters, an array) would be neither kept nor declared: make it a Map.
      const known = typeof value === "function" || value instanceof Map || value instanceof Set;
      expect(known, `state.${name} is neither a Map or Set (kept) nor a function`).toBe(true);
    }
    for (const name of transientMaps) expect(state[name], `transientMaps names state.${name}`).toBeInstanceOf(Map);
    // One entry in every map, short-lived ones included; nested maps and sets changed in place as the areas do.
    for (const [name, value] of members) {
      if (value instanceof Map) value.set("probe", { in: name });
      if (value instanceof Set) value.add("probe");
    }
    state.visitorAll.set("v", new Set(["c1"]));
    state.visitorAll.get("v")?.add("c2");
    await journal.close();

    const again = (await openState(dir)).state;
    for (const name of kept) {
      const map = again[name as keyof MemoryState] as Map<string, unknown> | Set<string>;
      expect(map instanceof Map ? map.get("probe") : map.has("probe"), `state.${name} kept`).toEqual(
        map instanceof Map ? { in: name } : true,
      );
    }
    for (const name of transientMaps) expect((again[name] as Map<string, unknown>).size, name).toBe(0);
    expect([...(again.visitorAll.get("v") ?? [])]).toEqual(["c1", "c2"]);
    expect(kept).toContain("conversations");
    expect(kept.length + transientMaps.length).toBe(
      Object.values(state).filter((v) => v instanceof Map || v instanceof Set).length,
    );
  });

  it("writes values changed in place, and not those only read", async () => {
    const dir = dataDir();
    const { state, journal } = await openState(dir);
    state.mailLogs.set("", ["m1"]);
    state.threads.set("c1", { messages: [], seqByClientId: new Map() });
    await journal.flush();
    const size = () => readdirSync(dir).reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    const read = () => {
      state.mailLogs.get("");
      [...state.threads.values()];
    };
    // The first read after a write writes once more, and notes the bytes; reads after that write nothing.
    read();
    await journal.flush();
    const before = size();
    read();
    await journal.flush();
    expect(size()).toBe(before);
    state.mailLogs.get("")?.push("m2");
    for (const t of state.threads.values()) t.seqByClientId.set("x", 1);
    await journal.close();
    const again = (await openState(dir)).state;
    expect(again.mailLogs.get("")).toEqual(["m1", "m2"]);
    expect(again.threads.get("c1")?.seqByClientId.get("x")).toBe(1);
  });

  it("writes the leads index entries a conversation's write moved, not the site's whole index, and reads it back", async () => {
    const dir = dataDir();
    const { state, journal } = await openState(dir, 1 << 30);
    const conversations = memoryConversations(state);
    const size = () => readdirSync(dir).reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    // The bytes one more conversation adds to the journal once the site holds `n`.
    const oneMore = async (n: number) => {
      for (let i = conversationsIn; i < n; i++) await conversations.createConversation(conversation(`c${i}`, `v${i}`));
      conversationsIn = n;
      await journal.flush();
      const before = size();
      await conversations.createConversation(conversation(`c${n}`, `v${n}`));
      conversationsIn = n + 1;
      await journal.flush();
      return size() - before;
    };
    let conversationsIn = 0;
    const small = await oneMore(10);
    const large = await oneMore(2000);
    // Written whole, the index of 2,000 conversations would add tens of kB to each write.
    expect(large).toBeLessThan(small * 1.5);
    await journal.close();
    const again = memoryConversations((await openState(dir)).state);
    const rows = await again.queryLeadRows({ siteKey: "site1", terms: ["all"], limit: 3000 });
    expect(rows).toHaveLength(2001);
  });

  it("close() leaves nothing running: its last flush starts no compaction", async () => {
    const dir = dataDir();
    // Any batch outgrows this: the last flush would start a compaction, which would go on after close() returned.
    const { state, journal } = await openState(dir, 1);
    state.secrets.set("a", "1");
    await journal.close();
    const files = readdirSync(dir).sort();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(dir).sort()).toEqual(files);
    expect((await openState(dir)).state.secrets.get("a")).toBe("1");
  });

  it("compacts into a snapshot and keeps everything, however many times", async () => {
    const dir = dataDir();
    const { state, journal } = await openState(dir, 4096);
    for (let i = 0; i < 2000; i++) {
      state.secrets.set(`k${i % 300}`, `v${i}`);
      state.siteConversations.get("s")?.set(`c${i}`, i) ?? state.siteConversations.set("s", new Map([["c0", 0]]));
      if (i % 100 === 0) await journal.flush();
    }
    await journal.compact();
    await journal.close();
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.startsWith("snapshot-"))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith("journal-"))).toHaveLength(1);
    const again = (await openState(dir)).state;
    expect(again.secrets).toEqual(state.secrets);
    expect(again.siteConversations.get("s")?.size).toBe(2000);
  });

  it("a clean close leaves one snapshot with everything and an empty journal", async () => {
    const empty = dataDir();
    await (await openState(empty)).journal.close();
    const [emptyJournal] = journalsAndSnapshots(empty);
    const headerBytes = readFileSync(join(empty, emptyJournal ?? "")).length;

    const dir = dataDir();
    const { state, journal } = await openState(dir);
    for (let i = 0; i < 50; i++) {
      state.secrets.set(`k${i}`, `v${i}`);
      if (i % 10 === 0) await journal.flush();
    }
    await journal.close();
    const files = journalsAndSnapshots(dir);
    expect(files.map((f) => f.replace(/\d+/, "N"))).toEqual(["journal-N.bin", "snapshot-N.bin"]);
    const journalFile = join(dir, files[0] ?? "");
    expect(readFileSync(journalFile).length).toBe(headerBytes);
    // The snapshot alone holds it all.
    rmSync(journalFile);
    const again = await openState(dir);
    expect(again.state.secrets.size).toBe(50);
    expect(again.state.secrets.get("k49")).toBe("v49");
    // Closed again with nothing changed: no new snapshot.
    await again.journal.close();
    expect(journalsAndSnapshots(dir).filter((f) => f.startsWith("snapshot-"))).toEqual([files[1]]);
  });

  it("a disk that refuses writes is told at once, once, and loses nothing once it takes them again", async () => {
    const dir = dataDir();
    const disk = fillableDisk();
    const told: (string | null)[] = [];
    const onWriteFailure = (err: Error | null) => told.push(err ? ((err as NodeJS.ErrnoException).code ?? "?") : null);
    const { state, journal } = await openState(dir, 1 << 30, { openFile: disk.openFile, onWriteFailure });
    state.secrets.set("before", "1");
    await journal.flush();
    expect(journal.failing).toBe(false);

    disk.full = true;
    state.secrets.set("during", "2");
    await journal.flush();
    expect(journal.failing).toBe(true);
    expect(told).toEqual(["ENOSPC"]);
    // Still refused: said once only; the refused batch and what changed since wait in memory.
    state.secrets.set("during", "3");
    state.secrets.set("later", "4");
    await journal.flush();
    await journal.flush();
    expect(told).toEqual(["ENOSPC"]);

    disk.full = false;
    state.secrets.delete("before");
    await journal.flush();
    expect(journal.failing).toBe(false);
    expect(told).toEqual(["ENOSPC", null]);
    await journal.close();
    // A start reads the state as it was last written: the half batches were cut off, none of the refused lost.
    const again = await openState(dir);
    expect(Object.fromEntries(again.state.secrets)).toEqual({ during: "3", later: "4" });
    await again.journal.close();
  });

  it("a snapshot the disk refuses is tried again at each flush; the journal keeps everything meanwhile", async () => {
    const dir = dataDir();
    const disk = fillableDisk();
    const told: (string | null)[] = [];
    const onWriteFailure = (err: Error | null) => told.push(err ? ((err as NodeJS.ErrnoException).code ?? "?") : null);
    const { state, journal } = await openState(dir, 1 << 30, { openFile: disk.openFile, onWriteFailure });
    disk.full = true;
    disk.only = /snapshot/;
    state.secrets.set("a", "1");
    await journal.compact();
    expect(journal.failing).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes("snapshot"))).toEqual([]);
    state.secrets.set("b", "2");
    await journal.flush();
    disk.full = false;
    // The next flush writes the snapshot.
    await journal.flush();
    await until(() => !journal.failing, 5000, "the snapshot written");
    expect(told).toEqual(["ENOSPC", null]);
    await journal.close();
    expect(journalsAndSnapshots(dir).filter((f) => f.startsWith("snapshot-"))).toHaveLength(1);
    expect(Object.fromEntries((await openState(dir)).state.secrets)).toEqual({ a: "1", b: "2" });
  });

  it("a close while the disk still refuses writes says so", async () => {
    const dir = dataDir();
    const disk = fillableDisk();
    const { state, journal } = await openState(dir, undefined, { openFile: disk.openFile });
    disk.full = true;
    state.secrets.set("a", "1");
    await expect(journal.close()).rejects.toThrow(/the data directory could not be written: ENOSPC/);
  });

  it("a process whose data directory refuses writes is not ready, and ready again once it takes them", async () => {
    const dir = dataDir();
    const disk = fillableDisk();
    const store = await openPersistentStore(dir, Date.now, { openFile: disk.openFile, flushMs: 20 });
    const h = await startApp(store);
    stops.push(async () => {
      await h.close();
      await store.close();
    });
    const ready = async () => {
      const res = await fetch(`${h.url}/readyz`);
      return { code: res.status, reason: ((await res.json()) as { reason?: string }).reason };
    };
    expect(await ready()).toEqual({ code: 200 });
    disk.full = true;
    await store.getOrCreateSecret("probe", () => "1");
    await until(async () => (await ready()).code === 503, 5000, "not ready");
    expect(await ready()).toEqual({ code: 503, reason: "store-unwritable" });
    disk.full = false;
    await until(async () => (await ready()).code === 200, 5000, "ready again");
  });

  it("drops a batch torn by a crash, whole, and goes on writing after the last whole one", async () => {
    const dir = dataDir();
    const first = await openState(dir);
    first.state.secrets.set("a", "1");
    await first.journal.close();
    const journalFile = join(dir, readdirSync(dir).find((f) => f.startsWith("journal-")) ?? "");
    // Half a batch: a length that promises more than follows, then a few bytes.
    appendFileSync(journalFile, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6]));
    const second = await openState(dir);
    expect(second.state.secrets.get("a")).toBe("1");
    second.state.secrets.set("b", "2");
    await second.journal.close();
    const third = await openState(dir);
    expect(Object.fromEntries(third.state.secrets)).toEqual({ a: "1", b: "2" });
    await third.journal.close();
  });

  it("refuses a damaged snapshot rather than start on part of the data", async () => {
    const dir = dataDir();
    const { state, journal } = await openState(dir);
    state.secrets.set("a", "1");
    await journal.compact();
    await journal.close();
    const snapshot = join(dir, readdirSync(dir).find((f) => f.startsWith("snapshot-")) ?? "");
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(snapshot, bytes);
    await expect(openState(dir)).rejects.toThrow(/damaged.*restore it from a backup/);
  });

  it("one process per data directory: a second is refused, in another process or this one", async () => {
    const dir = dataDir();
    const holder = child("test/support/persist-holder.ts", dir);
    await until(() => holder.output().includes("open"), 20_000, "the first process to open the store");
    const second = child("test/support/persist-holder.ts", dir);
    const code = await new Promise((resolve) => second.process.once("exit", resolve));
    expect(code).toBe(3);
    expect(second.output()).toMatch(
      new RegExp(`Another Banter process \\(pid ${holder.process.pid}\\) is using the data directory`),
    );
    await expect(openPersistentStore(dir)).rejects.toThrow(/Another Banter process/);
    // Killed, it leaves its lock behind: the next start takes it over.
    holder.process.kill("SIGKILL");
    await new Promise((resolve) => holder.process.once("exit", resolve));
    const store = await openPersistentStore(dir);
    await expect(openPersistentStore(dir)).rejects.toThrow(/already open in this process/);
    await store.close();
  });

  it("a crash (SIGKILL) while writing loses at most about a second and leaves no half state", async () => {
    const dir = dataDir();
    const writer = child("test/support/persist-writer.ts", dir);
    const progress = () =>
      writer
        .output()
        .split("\n")
        .filter((l) => /^\d+ \d+$/.test(l))
        .map((l) => l.split(" ").map(Number) as [number, number]);
    await until(() => (progress()[0]?.[1] ?? Number.POSITIVE_INFINITY) < Date.now() - 3000, 30_000, "3 s of writes");
    const killedAt = Date.now();
    writer.process.kill("SIGKILL");
    await new Promise((resolve) => writer.process.once("exit", resolve));
    // Every write that returned more than a second before the kill (with a second's slack for a busy machine).
    const durable = Math.max(0, ...progress().flatMap(([n, at]) => (at < killedAt - 2000 ? [n] : [])));
    const written = Math.max(...progress().map(([n]) => n));

    const store = await openPersistentStore(dir);
    stops.push(() => store.close());
    let loaded = 0;
    while (await store.getConversation(`c${loaded + 1}`)) loaded++;
    expect(durable).toBeGreaterThan(0);
    expect(loaded).toBeGreaterThanOrEqual(durable);
    // The state at one moment: conversations 1..loaded, none after, each with its message.
    expect(loaded).toBeLessThanOrEqual(written + 20);
    expect(await store.getConversation(`c${loaded + 2}`)).toBeNull();
    for (const n of [1, Math.ceil(loaded / 2), loaded]) {
      expect(await store.listMessages(`c${n}`, 0)).toMatchObject([{ text: `line ${n}`, seq: 1 }]);
    }
    const site = await store.listConversations("site1", loaded + 10);
    expect(site).toHaveLength(loaded);
    expect((await store.createConversation(conversation("after"))).rev).toBe(1);
  });
});

describe("the server without REDIS_URL", () => {
  it("keeps the owner's login, their session and the site key across a restart", async () => {
    const dir = dataDir();
    const port = await freePort();
    const env = { PORT: String(port), HOST: "127.0.0.1", REDIS_URL: "", DATA_DIR: dir, BANTER_OWNER_EMAIL: ownerEmail };
    const server = banterProcess(env);
    stops.push(() => server.kill("SIGTERM"));
    const url = `http://127.0.0.1:${port}`;
    const { siteKey } = await server.start();
    expect(server.output()).toContain(`embedded store, data in ${dir}/`);
    const password = /Password: +(\S+)/.exec(server.output())?.[1] ?? "";
    expect(password.length).toBeGreaterThan(8);
    const { token } = await logIn(url, ownerEmail, password);

    // A second server on the same data refuses to start, and says why.
    const other = banterProcess({ ...env, PORT: String(await freePort()) });
    await expect(other.start()).rejects.toThrow(/Another Banter process \(pid \d+\) is using the data directory/);

    await server.kill("SIGTERM");
    // Stopped cleanly: one snapshot and an empty journal, for a fast start.
    const files = journalsAndSnapshots(dir);
    expect(files.map((f) => f.replace(/\d+/, "N"))).toEqual(["journal-N.bin", "snapshot-N.bin"]);
    expect(readFileSync(join(dir, files[0] ?? "")).length).toBeLessThan(64);
    const restarted = await server.start();
    expect(restarted.siteKey).toBe(siteKey);
    // Not a first start: no new owner, no new password.
    expect(server.output()).not.toMatch(/Owner login/);
    const me = await fetch(`${url}/api/me`, { headers: { cookie: `banter_session=${encodeURIComponent(token)}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: ownerEmail } });
    await logIn(url, ownerEmail, password);
    expect((await fetch(`${url}/api/sites/${siteKey}/config`)).status).toBe(200);
    // Three server processes start here, each compiling the server: about 5 s on a quiet machine, past 30 s once
    // while CI ran three files at a time beside another heavy process.
  }, 60_000);
});
