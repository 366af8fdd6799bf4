// What the embed API needs from the server: the join takes the visit's source and the host page's identity
// (checked; storing them is the identity work's), and the visitor's conversation view says when the bot qualified
// the lead, for the widget's `qualified` event.
import { describe, expect, it } from "vitest";
import type { ConversationView } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, ok, ownerOnline, qualifyHot } from "../support/app.ts";

describe("embed API on the visitor socket (Redis)", () => {
  const app = appOnRedis();

  it("a join with a source and an identity is accepted; malformed ones are refused with the field", async () => {
    const h = app();
    const v = h.visitor();
    await connected(v);
    const bad = await v.emitWithAck("conversation:join", {
      lastSeq: 0,
      source: { landingPage: "https://acme.com/", utm: { source: "x".repeat(201) } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(JSON.stringify(bad)).toContain("utm");
    const extra = await v.emitWithAck("conversation:join", {
      lastSeq: 0,
      identity: { email: "bo@big.co", admin: true } as never,
    });
    expect(extra).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    const joined = await ok(
      v.emitWithAck("conversation:join", {
        lastSeq: 0,
        pageUrl: "https://acme.com/pricing?utm_source=google",
        source: { landingPage: "https://acme.com/pricing?utm_source=google", utm: { source: "google" } },
        identity: { email: "bo@big.co", name: "Bo", userId: "42", userHash: "ab".repeat(32) },
      }),
    );
    expect(joined.conversation.status).toBe("bot");
    expect(joined.conversation.qualification).toBeUndefined();
  });

  it("the view carries tier, score and stage (not the reasons) once the bot has finished", async () => {
    const h = app();
    await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    const { visitorToken } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const queued = new Promise<ConversationView>((resolve) => {
      v.on("conversation:updated", (c) => {
        if (c.status === "queued") resolve(c);
      });
    });
    await qualifyHot(v);
    const view = await queued;
    expect(view.qualification).toEqual({ tier: "hot", score: expect.any(Number), stage: "sql" });
    expect(Object.keys(view.qualification ?? {}).sort()).toEqual(["score", "stage", "tier"]);
    // A reload's join sees it too: the widget tells the event only on the change, not on every join.
    const again = await ok(v.emitWithAck("conversation:join", { visitorToken, lastSeq: 0 }));
    expect(again.conversation.qualification).toEqual(view.qualification);
  });
});
