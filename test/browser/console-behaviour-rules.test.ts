// Behaviour scoring in the playbook editor (issue 19), in real Chromium: the owner builds a rule on page views with
// the controls, switches on inactivity decay, simulates a visitor's behaviour in the preview and reads the score
// and its reasons change, publishes, and finds the rule and the decay kept after a reload.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

describe("browser: behaviour rules in the playbook editor", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  // The text of the elements that describe a control (aria-describedby).
  const description = (page: Page, label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );

  it("adds a page-view rule and decay with controls, simulates behaviour in the preview, publishes, keeps them", {
    timeout: 90_000,
  }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Playbooks");
    await page.getByRole("link", { name: "Demo site" }).click();
    await page.getByRole("button", { name: /^Scoring/ }).click();
    await page.getByRole("button", { name: "Add rule" }).click();
    const rule = page.getByRole("group", { name: "Rule 18", exact: true });
    await rule.getByLabel("Points").fill("10");
    await rule.getByLabel("Reason").fill("Visited pricing {count} times");
    const basedOn = rule.getByLabel("Based on");
    await basedOn.selectOption({ label: "Visited a page" });
    // Starts from defaults an owner can keep, shown in the JSON box too.
    await expect.poll(() => rule.getByLabel("Page", { exact: true }).inputValue()).toBe("/pricing*");
    expect(await rule.getByLabel("Views, at least").inputValue()).toBe("1");
    await rule.getByLabel("Views, at least").fill("3");
    await rule.getByText("Advanced: edit as JSON").click();
    const json = rule.getByLabel("Condition as JSON");
    await expect.poll(() => json.inputValue()).toBe('{ "page": "/pricing*", "atLeast": 3 }');
    // The schema's word, next to the box: an empty pattern is refused.
    await rule.getByLabel("Page", { exact: true }).fill("");
    await expect.poll(() => rule.getByLabel("Page", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, "Page")).toContain("expected a non-empty string");
    await rule.getByLabel("Page", { exact: true }).fill("/pricing*");
    await expect.poll(() => rule.getByLabel("Page", { exact: true }).getAttribute("aria-invalid")).toBe("false");
    await expect
      .poll(() => page.getByRole("button", { name: /^\+10 Visited \/pricing\* at least 3 times/ }).count())
      .toBe(1);

    // Decay: off until switched on, then shown in the section's line.
    const decay = page.getByRole("group", { name: "Inactivity" });
    expect(await decay.getByLabel("Days without activity").count()).toBe(0);
    await decay.getByLabel("Take points from leads who go quiet").check();
    expect(await decay.getByLabel("Days without activity").inputValue()).toBe("14");
    await decay.getByLabel("Points per week").fill("-5");
    await decay.getByLabel("Days without activity").fill("21");
    await expect
      .poll(() => page.getByRole("button", { name: /^Scoring/ }).textContent())
      .toContain("inactivity -5 a week after 21 days without activity");

    // The preview: no behaviour, no behaviour points; simulated, the rule counts the views.
    const preview = page.getByRole("region", { name: "Preview" });
    const score = preview.getByRole("status");
    await expect.poll(() => score.textContent()).toContain("Score 0, Cold");
    await preview.getByText("Simulate behaviour").click();
    const page1 = preview.getByRole("group", { name: "Page 1" });
    expect(await page1.getByLabel("Address or path").inputValue()).toBe("/pricing");
    expect(await page1.getByLabel("Views").inputValue()).toBe("3");
    await expect.poll(() => score.textContent()).toContain("Score 10, Cold");
    const reasons = preview.getByRole("list", { name: "Score reasons" });
    expect(await reasons.getByRole("listitem").allTextContents()).toEqual(["Visited pricing 3 times: +10"]);
    await page1.getByLabel("Views").fill("2");
    await expect.poll(() => score.textContent()).toContain("Score 0, Cold");
    expect(await reasons.count()).toBe(0);
    await page1.getByLabel("Views").fill("4");
    // 23 days idle, 2 past the 21: one week begun.
    await preview.getByLabel("Days since last activity").fill("23");
    await expect
      .poll(() => reasons.getByRole("listitem").allTextContents())
      .toEqual(["Visited pricing 4 times: +10", "No activity for 23 days: -5"]);
    expect(await score.textContent()).toContain("Score 5, Cold");
    await preview.getByRole("button", { name: "Add an event" }).click();
    expect(await preview.getByRole("group", { name: "Event 1" }).getByLabel("Event name").count()).toBe(1);
    await expectAccessible(page, "playbook editor, a behaviour rule, decay and the simulation open");
    // Closed, the simulation no longer counts.
    await preview.getByText("Simulate behaviour").click();
    await expect.poll(() => score.textContent()).toContain("Score 0, Cold");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Published version 2" }).count()).toBe(1);
    const site = await app().store.getSite(app().siteKey);
    const published = await app().store.getPlaybook(site?.playbookId ?? "", site?.playbookVersion ?? 0);
    expect(published?.scoring.rules.at(-1)).toEqual({
      when: { page: "/pricing*", atLeast: 3 },
      points: 10,
      reason: "Visited pricing {count} times",
    });
    expect(published?.scoring.decay).toEqual({ afterDays: 21, pointsPerWeek: -5 });

    // After a reload the rule and the decay are there, in the same controls.
    await page.reload();
    await page.getByRole("button", { name: /^Scoring/ }).click();
    await page.getByRole("button", { name: /^\+10 Visited \/pricing\* at least 3 times/ }).click();
    const kept = page.getByRole("group", { name: "Rule 18", exact: true });
    expect(await kept.getByLabel("Based on").inputValue()).toBe(":page");
    expect(await kept.getByLabel("Page", { exact: true }).inputValue()).toBe("/pricing*");
    expect(await page.getByLabel("Take points from leads who go quiet").isChecked()).toBe(true);
    expect(await page.getByRole("group", { name: "Inactivity" }).getByLabel("Days without activity").inputValue()).toBe(
      "21",
    );
  });
});
