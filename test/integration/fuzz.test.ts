// Thousands of random and malformed payloads to every event of both namespaces: each gets an error ack, the
// server stays up, its memory stays flat, and nothing stored changes.

import v8 from "node:v8";
import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schemas from "../../server/transport/schemas.ts";
import { appOnRedis, connected, ok } from "../support/app.ts";

v8.setFlagsFromString("--expose_gc");
const gc = vm.runInNewContext("gc") as () => void;

const visitorEvents: [string, z.ZodType][] = [
  ["conversation:join", schemas.joinRequest],
  ["message:send", schemas.visitorSend],
  ["conversation:close", schemas.empty],
  ["typing:set", schemas.visitorTyping],
];
const repEvents: [string, z.ZodType][] = [
  ["inbox:get", schemas.empty],
  ["offer:accept", schemas.conversationRef],
  ["conversation:get", schemas.conversationGet],
  ["message:send", schemas.repSend],
  ["conversation:close", schemas.conversationRef],
  ["typing:set", schemas.repTyping],
  ["conversation:read", schemas.conversationRead],
];

// Near-misses of the real shapes as well as anything at all.
const junk = fc.oneof(
  fc.anything({
    withBigInt: false,
    withBoxedValues: true,
    withNullPrototype: true,
    withObjectString: true,
    maxDepth: 3,
  }),
  fc.record(
    {
      clientId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
      text: fc.oneof(fc.string({ maxLength: 2100 }), fc.array(fc.string()), fc.integer()),
      choice: fc.oneof(fc.string(), fc.boolean()),
      conversationId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
      lastSeq: fc.oneof(fc.double(), fc.string(), fc.integer({ min: -5, max: 5 })),
      seq: fc.oneof(fc.double(), fc.string()),
      typing: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      visitorToken: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()),
      __proto__: fc.object(),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom("x".repeat(60_000), "", null, 0, [], [[[]]], "__proto__", { length: 1e9 }),
);

describe("fuzz (Redis)", () => {
  // Thousands of rep events in a minute: past the per-rep limit, which would answer RATE_LIMITED (limits.test.ts).
  const open = { limit: 1_000_000, windowMs: 60_000 };
  const app = appOnRedis({ limits: { repEvents: open, repFanOutEvents: open } });

  it("every malformed payload gets an error; server up, memory flat, data unchanged", async () => {
    const h = app();
    // The bystander: someone else's conversation that must come out untouched.
    const victim = h.visitor();
    await connected(victim);
    const vj = await ok(victim.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(victim.emitWithAck("message:send", { clientId: "keep", choice: "capture" }));
    const fuzzer = h.visitor();
    await connected(fuzzer);
    const fj = await ok(fuzzer.emitWithAck("conversation:join", { lastSeq: 0 }));
    const rep = h.rep((await h.login()).token);
    await connected(rep);
    const snapshot = async () =>
      JSON.stringify([
        await h.store.getConversation(vj.conversation.id),
        await h.store.listMessages(vj.conversation.id, 0),
        await h.store.getConversation(fj.conversation.id),
        await h.store.listMessages(fj.conversation.id, 0),
      ]);
    const before = await snapshot();

    let sent = 0;
    const round = async (perEvent: number, seed: number) => {
      for (const [sockets, events] of [
        [fuzzer, visitorEvents],
        [rep, repEvents],
      ] as const) {
        for (const [event, schema] of events) {
          const payloads = fc
            .sample(junk, { numRuns: perEvent, seed: seed + event.length })
            .filter((p) => !schema.safeParse(p).success);
          for (const payload of payloads) {
            const ack = await (sockets.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)(
              event,
              payload,
            );
            expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({
              ok: false,
              error: { code: "BAD_REQUEST" },
            });
            sent++;
          }
        }
      }
    };

    await round(60, 1); // warm-up: caches, compiled code
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 4; i++) await round(80, 100 + i);
    gc();
    const grown = process.memoryUsage().heapUsed - heapBefore;

    expect(sent).toBeGreaterThan(3000);
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect(fuzzer.connected && rep.connected && victim.connected).toBe(true);
    expect(await snapshot()).toBe(before);
    expect(await (await fetch(`${h.url}/healthz`)).json()).toMatchObject({ status: "ok" });
    console.log(`fuzz: ${sent} malformed payloads, heap grew ${(grown / 1024 / 1024).toFixed(1)} MB after warm-up`);
  }, 120_000);
});
