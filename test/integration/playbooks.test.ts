// P3: publishing a playbook stores a new version; new conversations use it, live ones keep theirs.
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { JoinResult } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, ok } from "../support/app.ts";

describe("playbook versions (Redis)", () => {
  const app = appOnRedis();

  const put = (token: string, body: unknown) =>
    fetch(`${app().url}/api/sites/${app().siteKey}/playbook`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  async function join(): Promise<{ v: ReturnType<Harness["visitor"]>; joined: JoinResult }> {
    const v = app().visitor();
    await connected(v);
    return { v, joined: await ok(v.emitWithAck("conversation:join", { lastSeq: 0 })) };
  }

  it("P3 a live conversation keeps its version; new ones get the new one", async () => {
    const { v: before, joined: first } = await join();
    const { token } = await app().login();
    const edited = structuredClone(defaultPlaybook);
    edited.copy.greeting = "Hello from version two!";
    const budget = edited.questions.find((q) => q.id === "budget");
    if (budget) budget.text = "What's your yearly budget?";
    const res = await put(token, edited);
    expect(res.status).toBe(200);
    expect((await res.json()).playbook.version).toBe(2);

    // The conversation that started on version 1 goes on asking version 1's questions.
    await ok(before.emitWithAck("message:send", { clientId: "a", choice: "capture" }));
    const old = await ok(before.emitWithAck("conversation:join", { visitorToken: first.visitorToken, lastSeq: 0 }));
    expect(old.conversation.id).toBe(first.conversation.id);
    expect(old.messages.at(-1)?.text).toBe("What budget do you have in mind, per year?");

    const { joined: fresh } = await join();
    expect(fresh.messages[0]?.text).toBe("Hello from version two!");
    const config = await (await fetch(`${app().url}/api/sites/${app().siteKey}/config`)).json();
    expect(config.greeting).toBe("Hello from version two!");
  });

  it("an invalid playbook is refused with every problem by path, and changes nothing", async () => {
    const { token } = await app().login();
    const broken = structuredClone(defaultPlaybook) as unknown as Record<string, unknown>;
    (broken.questions as { label: string }[])[1] = {
      ...(broken.questions as { label: string }[])[1],
      label: "",
    } as never;
    delete (broken.copy as Record<string, unknown>).greeting;
    const res = await put(token, broken);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", message: "The playbook is invalid." });
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        "copy.greeting: Invalid input: expected string, received undefined",
        "questions[1].label: expected a non-empty string",
      ]),
    );
    // The same problems by field, for the editor to show next to each one.
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { path: "copy.greeting", message: "Invalid input: expected string, received undefined" },
        { path: "questions.1.label", message: "expected a non-empty string" },
      ]),
    );
    expect(body.error.fields).toHaveLength(body.error.details.length);
    const current = await fetch(`${app().url}/api/sites/${app().siteKey}/playbook`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await current.json()).playbook.version).toBe(1);
    expect((await put(token, edited())).status).toBe(200);
    expect(
      await (
        await fetch(`${app().url}/api/sites/${app().siteKey}/playbook`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json(),
    ).toMatchObject({
      playbook: { version: 2 },
    });
  });

  it("cross-field problems come by field too: thresholds, option values", async () => {
    const { token } = await app().login();
    const broken = structuredClone(defaultPlaybook);
    broken.scoring.thresholds = { warm: 80, hot: 70 };
    const need = broken.questions[0]?.options;
    if (need?.[1]) need[1].value = need[0]?.value ?? "";
    const res = await put(token, broken);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual([
      { path: "questions.0.options.1.value", message: 'duplicate option value "capture"' },
      { path: "scoring.thresholds", message: "warm must not be above hot" },
    ]);
  });

  it("lists each site's playbook and version for the editor", async () => {
    const { token } = await app().login();
    const list = async () =>
      (await fetch(`${app().url}/api/playbooks`, { headers: { authorization: `Bearer ${token}` } })).json();
    const site = await app().store.getSite(app().siteKey);
    expect(await list()).toEqual({
      playbooks: [{ siteKey: app().siteKey, siteName: site?.name, playbookId: "bant", version: 1 }],
    });
    expect((await put(token, edited())).status).toBe(200);
    expect((await list()).playbooks[0].version).toBe(2);
  });

  it("lists a site's playbook versions with when each was published, by whom and what it changed", async () => {
    const { token } = await app().login();
    const versions = async () =>
      (
        await fetch(`${app().url}/api/sites/${app().siteKey}/playbook/versions`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
    const before = await versions();
    expect(before).toMatchObject({ current: 1, versions: [{ version: 1 }] });
    const since = Date.now();
    expect((await put(token, edited())).status).toBe(200);
    const after = await versions();
    expect(after.current).toBe(2);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(after.versions[0].publishedAt).toBeGreaterThanOrEqual(since);
    expect(after.versions[0]).toMatchObject({ publishedBy: "Owner", summary: "Settings: name changed" });
    expect(after.versions[1]).toEqual(before.versions[0]);
    // One version, to restore into the editor's draft.
    const one = async (v: string) =>
      fetch(`${app().url}/api/sites/${app().siteKey}/playbook/versions/${v}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await (await one("1")).json()).playbook.name).toBe(defaultPlaybook.name);
    expect((await one("3")).status).toBe(404);
    expect((await one("x")).status).toBe(404);
    const unknown = await fetch(`${app().url}/api/sites/nope/playbook/versions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknown.status).toBe(404);
  });

  it("says what publishing a draft would change, and publishes nothing", async () => {
    const { token } = await app().login();
    const changes = (body: unknown) =>
      fetch(`${app().url}/api/sites/${app().siteKey}/playbook/changes`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const res = await changes(edited());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      changes: [{ kind: "changed", what: "Settings: name", before: defaultPlaybook.name, after: "Edited" }],
    });
    expect(await (await changes(defaultPlaybook)).json()).toEqual({ changes: [] });
    const bad = await changes({ ...defaultPlaybook, name: "" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([{ path: "name", message: "expected a non-empty string" }]);
    const site = await app().store.getSite(app().siteKey);
    expect(site?.playbookVersion).toBe(1);
  });

  it("only an owner may read or publish playbooks", async () => {
    expect((await put("nope", defaultPlaybook)).status).toBe(401);
    await app().addRep("rep@test.local", "Rita");
    const { token } = await app().login("rep@test.local");
    const res = await put(token, defaultPlaybook);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const listed = await fetch(`${app().url}/api/playbooks`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(403);
    expect((await fetch(`${app().url}/api/playbooks`)).status).toBe(401);
    const versions = await fetch(`${app().url}/api/sites/${app().siteKey}/playbook/versions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(versions.status).toBe(403);
  });
});

function edited() {
  const p = structuredClone(defaultPlaybook);
  p.name = "Edited";
  return p;
}
