// Free text from outside follows one rule wherever it enters (shared/protocol/text.ts): control characters are
// removed (tab and newline kept, "\r\n" read as "\n"), a lone surrogate becomes U+FFFD, names are one line; a text
// of nothing else is refused as empty. Checked at the socket edge (visitor and rep) and the HTTP edge.
import { describe, expect, it } from "vitest";
import type { Ack, LeadCard } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";

// A NUL, a bell, a terminal escape, DEL, a C1 control (CSI), Windows and old Mac line ends, a tab.
const noisy = "Hi\u0000 there\u0007\r\nsecond\u001b[1m line\u007f\rthird\u009b\tend";
const clean = "Hi there\nsecond[1m line\nthird\tend";
// Half an emoji: what a host page's slice(0, n) can leave.
const halfEmoji = "\ud83d";

describe("free text (Redis)", () => {
  const app = appOnRedis();

  it("the visitor's socket: messages and the identify name are cleaned; control characters alone are empty", async () => {
    const v = app().visitor();
    await connected(v);
    const joined = await ok(
      v.emitWithAck("conversation:join", {
        lastSeq: 0,
        identity: { name: `Ana\u0000\tLee${halfEmoji}`, userId: "user\u00001" },
      }),
    );
    const sent = await ok(v.emitWithAck("message:send", { clientId: "m1", text: noisy }));
    expect(sent.message.text).toBe(clean);
    const stored = await app().store.listMessages(joined.conversation.id, 0);
    expect(stored.find((m) => m.clientId === "m1")?.text).toBe(clean);
    expect((await app().store.getConversation(joined.conversation.id))?.identity).toMatchObject({
      name: "Ana Lee\ufffd",
      userId: "user1",
    });

    const empty = (await v.emitWithAck("message:send", { clientId: "m2", text: "\u0000\u0007 \r\n" })) as Ack<unknown>;
    expect(empty.ok === false && empty.error).toMatchObject({ code: "BAD_REQUEST", message: /empty message/ });
    await ok(v.emitWithAck("visitor:identify", { name: `Bo\u009b\nBe${halfEmoji}x` }));
    expect((await app().store.getConversation(joined.conversation.id))?.identity?.name).toBe("Bo Be\ufffdx");
  });

  it("the rep's socket: messages are cleaned", async () => {
    const h = app();
    const owner = await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offer = next<LeadCard>(owner, "offer:created");
    await qualifyHot(v);
    const { conversationId } = await offer;
    await ok(owner.emitWithAck("offer:accept", { conversationId }));
    const said = await ok(owner.emitWithAck("message:send", { conversationId, clientId: "r1", text: noisy }));
    expect(said.message.text).toBe(clean);
    const empty = await owner.emitWithAck("message:send", { conversationId, clientId: "r2", text: "\u0000" });
    expect(empty.ok === false && empty.error.code).toBe("BAD_REQUEST");

    // Notes, over HTTP.
    const { token } = await h.login();
    const note = await call(h.url, token, "POST", `/api/conversations/${conversationId}/notes`, { text: noisy });
    expect(note.status).toBe(201);
    expect(note.body.text).toBe(clean);
    const emptyNote = await call(h.url, token, "POST", `/api/conversations/${conversationId}/notes`, {
      text: "\u0000\u0085",
    });
    expect(emptyNote.status).toBe(400);
  });

  it("HTTP: names are one clean line, a site's greeting keeps its lines", async () => {
    const h = app();
    const { token } = await h.login();
    const me = await call(h.url, token, "PATCH", "/api/me", { name: `Own\u0000er\tName${halfEmoji}` });
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe("Owner Name\ufffd");
    expect((await call(h.url, token, "PATCH", "/api/me", { name: "\u0000\u0001" })).status).toBe(400);

    const site = await call(h.url, token, "POST", "/api/sites", {
      name: "Acme\u0000\r\nInc",
      allowedOrigins: ["https://acme.com"],
      greeting: `Hi!\r\nAsk us\u0007 anything${halfEmoji}`,
      launcherLabel: "Talk\u001b to us",
    });
    expect(site.status).toBe(201);
    expect(site.body.site).toMatchObject({
      name: "Acme Inc",
      greeting: "Hi!\nAsk us anything\ufffd",
      launcherLabel: "Talk to us",
    });

    const invite = await call(h.url, token, "POST", "/api/invites", {
      email: "rey@test.local",
      name: "Rey\u0000\nR",
      role: "rep",
    });
    expect(invite.status).toBe(201);
    expect(JSON.stringify(invite.body)).toContain('"name":"Rey R"');
  });
});
