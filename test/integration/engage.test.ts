// Proactive messages on the server: the Sites API stores a site's triggers (checked by path, ids named by the
// server and kept across edits, startAt only a question the site's playbook has), and GET /api/sites/:key/engage
// gives a site's pages what the engage chunk evaluates.
import { beforeEach, describe, expect, it } from "vitest";
import type { EngageConfig } from "../../shared/protocol/engage.ts";
import { maxTriggersPerSite } from "../../shared/protocol/engage.ts";
import type { FieldError, SiteSummary } from "../../shared/protocol/index.ts";
import { appOnRedis, ownerOnline } from "../support/app.ts";

const pricing = {
  name: "Pricing, 30 s",
  when: { urls: ["/pricing*"], secondsOnPage: 30 },
  message: "Comparing plans? I can help.",
  quickReplies: ["Which plan fits me?"],
};

describe("proactive messages on the server (Redis)", () => {
  const app = appOnRedis();

  // One login per test: logins are rate-limited per address.
  let token: string | undefined;
  beforeEach(() => {
    token = undefined;
  });
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    token ??= (await app().login()).token;
    const res = await fetch(`${app().url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }
  const put = (triggers: unknown) => call("PUT", `/api/sites/${app().siteKey}`, { triggers });
  const siteOf = (r: { json: Record<string, unknown> }) => r.json.site as SiteSummary;
  const fieldsOf = (json: Record<string, unknown>) =>
    Object.fromEntries(((json.error as { fields: FieldError[] }).fields ?? []).map((f) => [f.path, f.message]));
  const engage = async (origin = "http://localhost:5555") => {
    const res = await fetch(`${app().url}/api/sites/${app().siteKey}/engage`, { headers: { origin } });
    return { status: res.status, json: (await res.json()) as EngageConfig & { error?: { code: string } }, res };
  };

  it("stores triggers with defaults and server-named ids, kept across edits; the widget's config says engage", async () => {
    const first = await put([pricing, { ...pricing, name: "Off", enabled: false, startAt: "budget" }]);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const [a, b] = siteOf(first).triggers;
    expect(a).toMatchObject({ ...pricing, enabled: true, maxPerDay: 1, dismissDays: 7, onSmallScreens: false });
    expect(a?.id).toMatch(/^[a-z0-9]{12}$/);
    expect(b).toMatchObject({ enabled: false, startAt: "budget" });
    expect(a?.id).not.toBe(b?.id);

    // Edited with its id: the same trigger (its funnel counts go on); a new one gets a new id.
    const second = await put([{ ...a, message: "Still comparing?" }, pricing]);
    expect(second.status).toBe(200);
    const [a2, c] = siteOf(second).triggers;
    expect(a2).toMatchObject({ id: a?.id, message: "Still comparing?" });
    expect(c?.id).not.toBe(a?.id);
    expect(c?.id).not.toBe(b?.id);

    const config = await (await fetch(`${app().url}/api/sites/${app().siteKey}/config`)).json();
    expect(config.engage).toBe(true);
    expect(siteOf(await put([{ ...a2, enabled: false }])).triggers).toHaveLength(1);
    expect((await (await fetch(`${app().url}/api/sites/${app().siteKey}/config`)).json()).engage).toBe(false);
  });

  it("a settings save without triggers keeps them", async () => {
    await put([pricing]);
    const res = await call("PUT", `/api/sites/${app().siteKey}`, { greeting: "Hello!" });
    expect(siteOf(res).triggers).toHaveLength(1);
  });

  it("refuses bad triggers by path and changes nothing", async () => {
    const before = siteOf(await put([pricing])).triggers;
    const cases: [unknown, string][] = [
      [[{ ...pricing, id: "zzzzzzzzzzzz" }], "triggers.0.id"],
      [[{ ...pricing, startAt: "no-such-question" }], "triggers.0.startAt"],
      [[pricing, { ...pricing, message: "" }], "triggers.1.message"],
      [[{ ...pricing, message: "x".repeat(201) }], "triggers.0.message"],
      [[{ ...pricing, quickReplies: ["a", "b", "c", "d"] }], "triggers.0.quickReplies"],
      [[{ ...pricing, when: { secondsOnPage: "30" } }], "triggers.0.when.secondsOnPage"],
      [[{ ...pricing, when: { scrollPercent: 101 } }], "triggers.0.when.scrollPercent"],
      [[{ ...pricing, when: { urls: ["/a b"] } }], "triggers.0.when.urls.0"],
      [[{ ...pricing, when: { event: "<b>" } }], "triggers.0.when.event"],
      [[{ ...pricing, when: { colour: "red" } }], "triggers.0.when"],
      [[{ ...pricing, script: "alert(1)" }], "triggers.0"],
      [[{ ...pricing, maxPerDay: 0 }], "triggers.0.maxPerDay"],
      [Array.from({ length: maxTriggersPerSite + 1 }, () => pricing), "triggers"],
      [[{ ...before[0] }, { ...before[0] }], "triggers.1.id"],
      ["not a list", "triggers"],
    ];
    for (const [triggers, path] of cases) {
      const res = await put(triggers);
      expect(res.status, path).toBe(400);
      expect(Object.keys(fieldsOf(res.json)), path).toContain(path);
    }
    const huge = await call(
      "PUT",
      `/api/sites/${app().siteKey}`,
      JSON.stringify({ triggers: [{ name: "x".repeat(40_000) }] }),
    );
    expect(huge.status).toBe(413);
    expect((await app().store.getSite(app().siteKey))?.triggers).toEqual(before);
  });

  it("GET engage: enabled triggers only, business hours and a rep online, CORS for the site's pages", async () => {
    await put([pricing, { ...pricing, name: "Off", enabled: false }]);
    const closed = await engage();
    expect(closed.status).toBe(200);
    expect(closed.res.headers.get("access-control-allow-origin")).toBe("*");
    expect(closed.json.triggers.map((t) => t.name)).toEqual(["Pricing, 30 s"]);
    // No hours set: open; nobody online.
    expect(closed.json).toMatchObject({ open: true, repOnline: false });

    await ownerOnline(app());
    expect((await engage()).json.repOnline).toBe(true);

    // Hours on no day of the week: closed now, whatever the time.
    await call("PUT", `/api/sites/${app().siteKey}`, {
      routing: { businessHours: { timeZone: "UTC", days: [] } },
    });
    expect((await engage()).json.open).toBe(false);
  });

  it("GET engage refuses other origins and unknown sites, typed", async () => {
    const other = await engage("https://evil.example");
    expect(other.status).toBe(403);
    expect(other.json.error?.code).toBe("FORBIDDEN_ORIGIN");
    const res = await fetch(`${app().url}/api/sites/site_nope/engage`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNKNOWN_SITE");
  });
});
