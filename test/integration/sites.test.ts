// The Sites API: owners create and edit sites; every edit takes effect at once (the next handshake, the next
// config fetch); the widget's config fetch records the install check, at most once a minute per site.
import { describe, expect, it } from "vitest";
import type { FieldError, SiteResult, SiteSummary } from "../../shared/protocol/index.ts";
import { appOnRedis, connected } from "../support/app.ts";

describe("sites API (Redis)", () => {
  const app = appOnRedis();

  async function call(method: string, path: string, body?: unknown, token?: string) {
    const auth = token ?? (await app().login()).token;
    const res = await fetch(`${app().url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${auth}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  const create = async (body: unknown) => {
    const res = await call("POST", "/api/sites", body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return (res.json as unknown as SiteResult).site;
  };

  const fieldsOf = (json: Record<string, unknown>) =>
    Object.fromEntries(((json.error as { fields: FieldError[] }).fields ?? []).map((f) => [f.path, f.message]));

  it("creates a site with defaults and its own copy of the playbook, lists it, reads and edits it", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://ACME.com/", "http://localhost:*"] });
    expect(site.key).toMatch(/^site_/);
    expect(site.allowedOrigins).toEqual(["https://acme.com", "http://localhost:*"]);
    expect(site).toMatchObject({ position: "right", launcherLabel: "", lastLoad: null });
    expect(site.routing).toMatchObject({ offerMode: "all", maxWaitMs: 120_000, fallback: { kind: "callback" } });
    const stored = await app().store.getSite(site.key);
    expect(stored?.playbookVersion).toBe(1);
    expect(stored?.playbookId).not.toBe((await app().store.getSite(app().siteKey))?.playbookId);
    expect(await app().store.getPlaybook(stored?.playbookId ?? "", 1)).not.toBeNull();

    const list = (await call("GET", "/api/sites")).json.sites as SiteSummary[];
    expect(list.map((s) => s.name).sort()).toEqual(["Acme", "Demo site"]);

    const edit = {
      name: "Acme Inc",
      allowedOrigins: ["https://acme.com", "https://www.acme.com"],
      greeting: "Hello from Acme!",
      accentColor: "#0f766e",
      position: "left",
      launcherLabel: "Talk to sales",
      routing: {
        strategy: "least-loaded",
        offerMode: "one",
        ringTimeoutMs: 15_000,
        maxWaitMs: 90_000,
        fallback: { kind: "booking", url: "https://cal.acme.com/demo", label: "Book a demo" },
        businessHours: { timeZone: "Europe/Paris", days: [{ day: 1, open: "09:00", close: "18:00" }] },
      },
    };
    const put = await call("PUT", `/api/sites/${site.key}`, edit);
    expect(put.status).toBe(200);
    const got = (await call("GET", `/api/sites/${site.key}`)).json.site as SiteSummary;
    expect(got).toMatchObject({ ...edit, key: site.key });

    // The widget sees the look at once; the bot says the new greeting (a new playbook version).
    const config = await (await fetch(`${app().url}/api/sites/${site.key}/config`)).json();
    expect(config).toEqual({
      key: site.key,
      name: "Acme Inc",
      greeting: "Hello from Acme!",
      accentColor: "#0f766e",
      position: "left",
      launcherLabel: "Talk to sales",
      avatarUrl: "",
      replyTime: null,
      transcripts: "on-request",
      engage: false,
    });
    const after = await app().store.getSite(site.key);
    expect(after?.playbookVersion).toBe(2);
    expect((await app().store.getPlaybook(after?.playbookId ?? "", 2))?.copy.greeting).toBe("Hello from Acme!");

    // Hours can be removed again; other fields stay as they were.
    const noHours = await call("PUT", `/api/sites/${site.key}`, { routing: { ...edit.routing, businessHours: null } });
    expect((noHours.json.site as SiteSummary).routing.businessHours).toBeUndefined();
    expect((noHours.json.site as SiteSummary).launcherLabel).toBe("Talk to sales");

    // Follow-up settings (shared/followups/SPEC.md): the defaults, then the owner's, checked by field.
    expect((noHours.json.site as SiteSummary).followUps).toEqual({ targetMinutes: 60, checkInDays: 3 });
    const followUps = { targetMinutes: 15, checkInDays: 7 };
    const saved = await call("PUT", `/api/sites/${site.key}`, { followUps });
    expect((saved.json.site as SiteSummary).followUps).toEqual(followUps);
    expect((await app().store.getSite(site.key))?.followUps).toEqual(followUps);
    const bad = await call("PUT", `/api/sites/${site.key}`, { followUps: { targetMinutes: 1, checkInDays: 90 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("followUps.checkInDays");
  });

  it("a site stored before the look settings existed reads with the defaults", async () => {
    const config = await (await fetch(`${app().url}/api/sites/${app().siteKey}/config`)).json();
    expect(config).toMatchObject({ position: "right", launcherLabel: "", name: "Demo site", avatarUrl: "" });
    expect(config.replyTime).toBeNull();
  });

  it("the chat header's settings: visitors see the display name, picture and reply time; the hours with it", async () => {
    const site = await create({ name: "Acme internal (EU)", allowedOrigins: ["https://acme.com"] });
    const config = async () => await (await fetch(`${app().url}/api/sites/${site.key}/config`)).json();
    expect(site).toMatchObject({ displayName: "", avatarUrl: "", replyTime: null });
    const hours = { timeZone: "Europe/Paris", days: [{ day: 1, open: "09:00", close: "18:00" }] };
    const header = { displayName: " Acme ", avatarUrl: "https://cdn.acme.com/ana.png", replyTime: "hours" };
    const put = await call("PUT", `/api/sites/${site.key}`, { ...header, routing: { businessHours: hours } });
    expect(put.json.site).toMatchObject({ ...header, displayName: "Acme" });
    expect(await config()).toMatchObject({ name: "Acme", avatarUrl: header.avatarUrl, replyTime: "hours" });
    expect((await config()).businessHours).toEqual(hours);

    // Cleared: the site's name again, no picture, and no reply time (nor the hours, which only it reads).
    await call("PUT", `/api/sites/${site.key}`, { displayName: "", avatarUrl: "", replyTime: null });
    const cleared = await config();
    expect(cleared).toMatchObject({ name: "Acme internal (EU)", avatarUrl: "", replyTime: null });
    expect(cleared.businessHours).toBeUndefined();
  });

  it("refuses a picture that is not an https address and a display name too long, storing nothing", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://acme.com"] });
    await call("PUT", `/api/sites/${site.key}`, { displayName: "Acme Sales", avatarUrl: "https://acme.com/a.png" });
    const before = await app().store.getSite(site.key);
    for (const [body, path, message] of [
      [{ avatarUrl: "acme.com/logo.png" }, "avatarUrl", "not a web address, e.g. https://acme.com/logo.png"],
      [{ avatarUrl: "http://acme.com/logo.png" }, "avatarUrl", "an https:// address"],
      [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl", "an https:// address"],
      [{ avatarUrl: `https://acme.com/${"a".repeat(2048)}.png` }, "avatarUrl", "at most 2048 characters"],
      [{ displayName: "A".repeat(61) }, "displayName", "at most 60 characters"],
      [{ replyTime: "soon" }, "replyTime", ""],
    ] as const) {
      const res = await call("PUT", `/api/sites/${site.key}`, { name: "Renamed", ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json.error as { code: string }).code).toBe("BAD_REQUEST");
      expect(Object.keys(fieldsOf(res.json))).toEqual([path]);
      expect(fieldsOf(res.json)[path]).toContain(message);
    }
    expect(await app().store.getSite(site.key)).toEqual(before);
  });

  it("refuses invalid settings with a message per field path, and changes nothing", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://acme.com"] });
    const res = await call("PUT", `/api/sites/${site.key}`, {
      name: " ",
      allowedOrigins: ["https://acme.com", "https://acme.com/pricing", "acme.com"],
      accentColor: "blue",
      position: "middle",
      routing: {
        ringTimeoutMs: 100,
        maxWaitMs: 10 * 3_600_000,
        fallback: { kind: "booking", url: "javascript:alert(1)", label: "Book" },
        businessHours: {
          timeZone: "Mars/Olympus_Mons",
          days: [
            { day: 1, open: "9am", close: "17:00" },
            { day: 2, open: "18:00", close: "09:00" },
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    expect((res.json.error as { code: string }).code).toBe("BAD_REQUEST");
    expect(Object.keys(fieldsOf(res.json)).sort()).toEqual(
      [
        "name",
        "allowedOrigins.1",
        "allowedOrigins.2",
        "accentColor",
        "position",
        "routing.ringTimeoutMs",
        "routing.maxWaitMs",
        "routing.fallback.url",
        "routing.businessHours.timeZone",
        "routing.businessHours.days.0.open",
        "routing.businessHours.days.1.close",
      ].sort(),
    );
    expect(fieldsOf(res.json)["routing.ringTimeoutMs"]).toBe("at least 5 seconds");
    expect((await app().store.getSite(site.key))?.name).toBe("Acme");

    const missing = await call("POST", "/api/sites", { name: "No origins", allowedOrigins: [] });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.json).allowedOrigins).toBe("add at least one origin");
    const noName = await call("POST", "/api/sites", { allowedOrigins: ["https://acme.com"] });
    expect(Object.keys(fieldsOf(noName.json))).toEqual(["name"]);
    expect((await call("GET", "/api/sites")).json.sites).toHaveLength(2);
  });

  it("is for owners only: a rep gets 403, nobody signed in 401; an unknown key is 404", async () => {
    await app().addRep("rep@test.local", "Rae");
    const rep = (await app().login("rep@test.local")).token;
    expect((await call("GET", "/api/sites", undefined, rep)).status).toBe(403);
    expect((await call("POST", "/api/sites", { name: "X", allowedOrigins: ["https://x.io"] }, rep)).status).toBe(403);
    expect((await call("PUT", `/api/sites/${app().siteKey}`, { name: "Mine" }, rep)).status).toBe(403);
    expect((await fetch(`${app().url}/api/sites`)).status).toBe(401);
    const unknown = await call("GET", "/api/sites/site_nope");
    expect(unknown.status).toBe(404);
    expect((unknown.json.error as { code: string }).code).toBe("UNKNOWN_SITE");
    expect((await call("PUT", "/api/sites/site_nope", { name: "X" })).status).toBe(404);
  });

  it("a removed origin is refused at the next handshake and config fetch", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://acme.com", "https://old.acme.com"] });
    const handshake = async (origin: string) => {
      const v = app().visitor({ siteKey: site.key, origin });
      try {
        await connected(v);
        return "connected";
      } catch (e) {
        return (e as Error).message;
      } finally {
        v.disconnect();
      }
    };
    expect(await handshake("https://old.acme.com")).toBe("connected");
    await call("PUT", `/api/sites/${site.key}`, { allowedOrigins: ["https://acme.com"] });
    expect(await handshake("https://old.acme.com")).toMatch(/does not allow chat from https:\/\/old\.acme\.com/);
    expect(await handshake("https://acme.com")).toBe("connected");
    const config = await fetch(`${app().url}/api/sites/${site.key}/config`, {
      headers: { origin: "https://old.acme.com" },
    });
    expect(config.status).toBe(403);
  });

  it("records the install check from the config fetch's Referer, at most once a minute per site", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://acme.com"] });
    const fetchConfig = (headers: Record<string, string>) =>
      fetch(`${app().url}/api/sites/${site.key}/config`, { headers: { origin: "https://acme.com", ...headers } });
    const before = Date.now();
    // The query and fragment may carry a visitor's token or email: only the origin and path are kept, bounded.
    const referer = `https://acme.com/pricing/${"x".repeat(1000)}?email=ann@acme.com#token=secret`;
    expect((await fetchConfig({ referer })).status).toBe(200);
    const read = async () => ((await call("GET", `/api/sites/${site.key}`)).json.site as SiteSummary).lastLoad;
    const first = await read();
    expect(first?.page).toBe(`https://acme.com/pricing/${"x".repeat(1000)}`.slice(0, 512));
    expect(first?.at).toBeGreaterThanOrEqual(before);

    // A busy site: further page views within the minute write nothing.
    for (const page of ["https://acme.com/a", "https://acme.com/b"]) {
      expect((await fetchConfig({ referer: page })).status).toBe(200);
    }
    expect(await read()).toEqual(first);

    // Without a Referer (a strict referrer policy), the Origin is the page; another site has its own minute.
    const other = await create({ name: "Beta", allowedOrigins: ["https://beta.io"] });
    await fetch(`${app().url}/api/sites/${other.key}/config`, { headers: { origin: "https://beta.io" } });
    const list = (await call("GET", "/api/sites")).json.sites as SiteSummary[];
    expect(list.find((s) => s.key === other.key)?.lastLoad?.page).toBe("https://beta.io");
  });

  it("the install check names only a page of the site's own origins: a forged Referer cannot set it", async () => {
    const site = await create({ name: "Acme", allowedOrigins: ["https://acme.com"] });
    const fetchConfig = (headers: Record<string, string>) =>
      fetch(`${app().url}/api/sites/${site.key}/config`, { headers });
    const read = async () => ((await call("GET", `/api/sites/${site.key}`)).json.site as SiteSummary).lastLoad;
    const phish = "https://evil.example/acme-login";

    // A script's request, with no Origin: the config is public, but nothing is recorded (and the minute is not used).
    expect((await fetchConfig({ referer: phish })).status).toBe(200);
    expect(await read()).toBeNull();
    // A page of an allowed origin with a Referer elsewhere: the origin is the page.
    expect((await fetchConfig({ origin: "https://acme.com", referer: phish })).status).toBe(200);
    expect((await read())?.page).toBe("https://acme.com");
  });
});
