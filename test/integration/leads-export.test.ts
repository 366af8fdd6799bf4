// The owner's lead list and CSV export: every lead with its explained score; nothing a visitor typed can run
// as a formula in a spreadsheet.
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, ok, ownerOnline, qualifyHot } from "../support/app.ts";

describe("lead export (Redis)", () => {
  const app = appOnRedis();

  it("lists leads newest first and exports them as CSV with the score's breakdown, formulas neutralised", async () => {
    const h = app();
    await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0, pageUrl: '=HYPERLINK("http://evil.example","x")' }));
    await qualifyHot(v, "ana@acme.io");
    const { token } = await h.login();
    const auth = { headers: { authorization: `Bearer ${token}` } };

    const list = await (await fetch(`${h.url}/api/sites/${h.siteKey}/leads`, auth)).json();
    expect(list.leads).toHaveLength(1);
    expect(list.leads[0]).toMatchObject({ email: "ana@acme.io", qualification: { tier: "hot" } });

    const res = await fetch(`${h.url}/api/sites/${h.siteKey}/leads.csv`, auth);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [head, line] = (await res.text()).split("\r\n");
    expect(head).toBe(
      "created,email,phone,tier,stage,score,score reasons,answers,status,outcome,missed handoff,callback phone,callback when,rep,pages,source,utm source,utm medium,utm campaign,utm term,utm content,referrer,landing page,identity name,identity email,user id,identity verified",
    );
    expect(line).toContain(",ana@acme.io,,hot,sql,105,");
    expect(line).toContain("Budget at least $100,000, at least $100k: +30");
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);

    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    expect(
      (await fetch(`${h.url}/api/sites/${h.siteKey}/leads.csv`, { headers: { authorization: `Bearer ${rep.token}` } }))
        .status,
    ).toBe(403);
  });
});
