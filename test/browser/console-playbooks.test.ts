// The playbook editor in real Chromium: the owner edits a question and adds an option, tries the draft in the
// preview (the real engine in the browser), sees a bad threshold refused next to its field and by the server,
// fixes it in the JSON view, and publishes. New widget conversations ask the new question; one already under
// way keeps the version it started on.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, ok } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

const newText = "What would you like to fix first?";

describe("browser: console playbooks", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  const publishedVersion = async (token: string) =>
    (
      await (
        await fetch(`${app().url}/api/sites/${app().siteKey}/playbook`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()
    ).playbook.version as number;

  // The text of the elements that describe a control (aria-describedby).
  const description = (page: Page, label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );

  it("edits the follow-up emails: a warm email's subject, a cold email added, a bad day refused next to its box", async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Playbooks");
    await page.getByRole("link", { name: "Demo site" }).click();
    await page.getByRole("button", { name: /^Follow-up emails/ }).click();
    const section = page.getByRole("region", { name: "Follow-up emails" });
    const warm2 = section.getByRole("group", { name: "Warm email 2" });
    await expect.poll(() => warm2.getByLabel("Days after the chat").inputValue()).toBe("3");
    await warm2.getByLabel("Subject").fill("Checking in from {siteName}");
    await section.getByRole("button", { name: "Add a cold email" }).click();
    const cold1 = section.getByRole("group", { name: "Cold email 1" });
    await cold1.getByLabel("Subject").fill("A guide for later");
    await cold1.getByLabel("Text").fill("Here is our guide, for when the time is right.");
    await cold1.getByLabel("Days after the chat").fill("soon");
    await expect.poll(() => cold1.getByLabel("Days after the chat").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "playbook editor, follow-up emails with an error");
    await cold1.getByLabel("Days after the chat").fill("7");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Published version 2" }).count()).toBe(1);
    const site = await app().store.getSite(app().siteKey);
    const published = await app().store.getPlaybook(site?.playbookId ?? "", site?.playbookVersion ?? 0);
    expect(published?.followUp?.warm?.[1]?.subject).toBe("Checking in from {siteName}");
    expect(published?.followUp?.cold).toEqual([
      { afterDays: 7, subject: "A guide for later", text: "Here is our guide, for when the time is right." },
    ]);
  });

  it("edits, previews, refuses a bad threshold, publishes version 2; live conversations keep theirs", {
    timeout: 60_000,
  }, async () => {
    const { token } = await app().login();
    // A visitor whose conversation starts on version 1, before anything is published.
    const before = app().visitor();
    await connected(before);
    const first = await ok(before.emitWithAck("conversation:join", { lastSeq: 0 }));

    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Playbooks");
    await page.getByRole("link", { name: "Demo site" }).click();
    await page.getByRole("button", { name: /^Questions/ }).click();
    await page.getByRole("button", { name: /^Need/ }).click();
    const q1 = page.getByRole("group", { name: /^Question 1:/ });
    await expect.poll(() => q1.getByLabel("Text", { exact: true }).inputValue()).toBe("What brings you here today?");
    expect(await page.getByText("No changes to publish.").count()).toBe(1);
    await expectAccessible(page, "playbook editor, form view");

    // Edit the first question and give it a sixth option.
    await q1.getByLabel("Text", { exact: true }).fill(newText);
    await q1.getByRole("button", { name: "Add option to question 1" }).click();
    const option = q1.getByRole("group", { name: /^Option 6:/ });
    await option.getByLabel("Label", { exact: true }).fill("Book a demo");
    await option.getByLabel("Value", { exact: true }).fill("demo");
    // Moving it keeps focus on it: on its Move up button at its new place.
    await option.getByRole("button", { name: "Move up option 6" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-questions-0-options-4-up");
    expect(await q1.getByRole("group", { name: "Option 5: Book a demo" }).count()).toBe(1);
    expect(await page.getByText("Unpublished changes.").count()).toBe(1);

    // The preview asks the new text and offers the new option; answering moves on and scores.
    const preview = page.getByRole("region", { name: "Preview" });
    const log = preview.getByRole("log", { name: "Preview conversation" });
    await expect.poll(() => log.textContent()).toContain(newText);
    await preview.getByRole("button", { name: "Book a demo" }).click();
    await expect.poll(() => log.textContent()).toContain("What budget do you have in mind, per year?");
    await preview.getByRole("button", { name: "Over $100k" }).click();
    await expect.poll(() => preview.getByRole("status").textContent()).toContain("Score 30, Cold, stage Lead");
    expect(await preview.getByRole("list", { name: "Score reasons" }).textContent()).toContain(
      "Budget at least $100,000, at least $100k: +30",
    );
    await preview.getByRole("textbox", { name: "Message" }).fill("I'm the CEO");
    await preview.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => log.textContent()).toContain("When do you need this in place?");
    await preview.getByRole("button", { name: "Restart preview" }).click();
    await expect.poll(() => log.textContent()).not.toContain("When do you need");

    // Warm above hot: the error is next to the thresholds, the preview waits, and the server refuses it too.
    await page.getByRole("button", { name: /^Scoring/ }).click();
    const warm = page.getByLabel("Warm from", { exact: true });
    await warm.fill("80");
    await expect.poll(() => warm.getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, "Warm from")).toContain("warm must not be above hot");
    expect(await page.getByLabel("Hot from", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await preview.textContent()).toContain("The preview runs once the playbook has no problems.");
    const summary = page.getByRole("heading", { name: "1 problem to fix before publishing" });
    expect(await summary.count()).toBe(1);
    await expectAccessible(page, "playbook editor with an error");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Not published: 1 problem to fix." }).count())
      .toBe(1);
    expect(await publishedVersion(token)).toBe(1);
    // The summary's entry takes focus to the field.
    await page.getByRole("button", { name: "scoring.thresholds: warm must not be above hot" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-scoring-thresholds-warm");

    // The JSON view holds the same draft; text that is not JSON stays, with an error, and keeps the view.
    await page.getByRole("button", { name: "JSON" }).click();
    const json = page.getByLabel("Playbook JSON");
    const text = await json.inputValue();
    expect(text).toContain('"warm": 80');
    expect(text).toContain(newText);
    await expectAccessible(page, "playbook editor, JSON view");
    await json.fill(`${text}}`);
    await page.getByRole("button", { name: "Form" }).click();
    await expect.poll(() => json.getAttribute("aria-invalid")).toBe("true");
    expect(await json.inputValue()).toBe(`${text}}`);
    expect(await description(page, "Playbook JSON")).toContain("Not valid JSON");
    await expectAccessible(page, "playbook editor, JSON view with an error");
    await json.fill(text.replace('"warm": 80', '"warm": 30'));
    await page.getByRole("button", { name: "Form" }).click();
    await expect.poll(() => page.getByLabel("Warm from", { exact: true }).inputValue()).toBe("30");
    expect(await page.getByLabel("Warm from", { exact: true }).getAttribute("aria-invalid")).toBe("false");
    expect(await summary.count()).toBe(0);

    // Publish first shows what would change, in words, with before and after.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const review = page.getByRole("region", { name: /^Publish version 2\? 3 changes/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-review-heading");
    const changes = await review.getByRole("listitem").allTextContents();
    expect(changes).toEqual([
      `Changed Question “Need”: textBefore What brings you here today?After ${newText}`,
      "Added Question “Need”, option “Book a demo”",
      "Changed Scoring: Warm fromBefore 35After 30",
    ]);
    await expectAccessible(page, "playbook editor, the review before publishing");
    expect(await publishedVersion(token)).toBe(1);
    await review.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Published version 2" }).count()).toBe(1);
    expect(await page.getByText("No changes to publish.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).toBe(true);
    expect(await publishedVersion(token)).toBe(2);
    // The history: who published each version, when, and what it changed.
    const history = page.getByRole("group").filter({ hasText: "Version history" });
    await page.getByText("Version history").click();
    await expect.poll(() => history.getByRole("listitem").count()).toBe(2);
    expect(await history.getByRole("listitem").first().textContent()).toMatch(
      /^Version 2 \(live\) published .+ by OwnerQuestion “Need”: text changed; Question “Need”, option “Book a demo” added; and 1 more change$/,
    );

    // A new conversation on a customer's page asks the new question and offers the new option.
    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(await shared.host(app()));
    await visitor.getByRole("button", { name: /^Open chat/ }).click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain(newText);
    expect(await chat.getByRole("button", { name: "Book a demo" }).count()).toBe(1);

    // The conversation that started on version 1 goes on with version 1.
    const again = await ok(before.emitWithAck("conversation:join", { visitorToken: first.visitorToken, lastSeq: 0 }));
    expect(again.messages.map((m) => m.text)).toContain("What brings you here today?");
    expect(again.messages.map((m) => m.text)).not.toContain(newText);
    await ok(before.emitWithAck("message:send", { clientId: "a", text: "🤷" }));
    const after = await ok(before.emitWithAck("conversation:join", { visitorToken: first.visitorToken, lastSeq: 0 }));
    // A shrug answers nothing: the first question is asked again, in version 1's words.
    expect(after.messages.at(-1)?.text).toBe("Sorry, I didn't catch that. What brings you here today?");
  });
  it("opens as a short list titled with the site's name: each part a line until opened, by click or keyboard", async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Playbooks");
    await page.getByRole("link", { name: "Demo site" }).click();
    const heading = page.getByRole("heading", { name: "Playbook for Demo site", level: 1 });
    await expect.poll(() => heading.count()).toBe(1);
    await expect.poll(() => page.title()).toBe("Playbook for Demo site · Banter");
    expect(await page.getByText(app().siteKey).count()).toBe(0);
    // Every part closed, each saying what it holds; no field of theirs is on the page.
    const parts = [
      "Settings",
      "Questions",
      "Scoring",
      "Disqualifiers",
      "Answers",
      "Follow-up emails",
      "What the bot says",
    ];
    for (const name of parts) {
      const toggle = page.getByRole("region", { name }).getByRole("button").first();
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    }
    expect(await page.getByRole("button", { name: /^Questions/ }).textContent()).toBe(
      "Questions5: Need, Budget, Authority, Timing, Email",
    );
    expect(await page.getByRole("button", { name: /^Scoring/ }).textContent()).toBe(
      "Scoring17 rules, warm at 35, hot at 70",
    );
    expect(await page.getByRole("textbox").count()).toBe(1); // the preview's message box only
    // Nothing changed: nothing to publish.
    expect(await page.getByText("No changes to publish.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page, "playbook editor, every part closed");

    // By click: Settings, with one clearly named choice for a request for a person.
    await page
      .getByRole("main")
      .getByRole("button", { name: /^Settings/ })
      .click();
    const person = page.getByLabel("When a visitor asks for a person");
    expect(await person.locator("option").allTextContents()).toEqual([
      "Hand off to a person at once",
      "Finish the questions first, then hand off",
    ]);
    await person.selectOption({ label: "Finish the questions first, then hand off" });
    expect(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).toBe(false);
    await person.selectOption({ label: "Hand off to a person at once" });
    expect(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).toBe(true);

    // By keyboard: Enter on the Scoring line opens it; a rule opens the same way, with its condition's controls.
    const scoring = page.getByRole("button", { name: /^Scoring/ });
    await scoring.focus();
    await page.keyboard.press("Enter");
    expect(await scoring.getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByLabel("Hot from", { exact: true }).inputValue()).toBe("70");
    await page.getByRole("button", { name: /^\+30 Budget at least 100,000/ }).focus();
    await page.keyboard.press(" ");
    const rule = page.getByRole("group", { name: "Rule 4", exact: true });
    expect(await rule.getByLabel("Based on").inputValue()).toBe("budget");
    expect(await rule.getByLabel("Test").inputValue()).toBe("atLeast");
    expect(await rule.getByLabel("Value", { exact: true }).inputValue()).toBe("100000");
    await rule.getByText("Advanced: edit as JSON").click();
    await expectAccessible(page, "playbook editor, scoring and a rule open");
    await scoring.click();
    expect(await scoring.getAttribute("aria-expanded")).toBe("false");
  });

  it("builds a scoring rule with controls, sees it as JSON and back, reviews and publishes it; restores version 1", {
    timeout: 60_000,
  }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Playbooks");
    await page.getByRole("link", { name: "Demo site" }).click();
    await page.getByRole("button", { name: /^Scoring/ }).click();
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-scoring-rules-17-points");
    const rule = page.getByRole("group", { name: "Rule 18", exact: true });
    await rule.getByLabel("Points").fill("12");
    await rule.getByLabel("Reason").fill("Budget at least $50k");
    // Only the tests a budget's answer can pass are offered.
    await rule.getByLabel("Based on").selectOption({ label: "Budget" });
    expect(await rule.getByLabel("Test").locator("option").allTextContents()).toEqual([
      "is at least",
      "is below",
      "is",
      "is answered",
      "is not answered",
    ]);
    await rule.getByLabel("Test").selectOption({ label: "is at least" });
    await rule.getByLabel("Value", { exact: true }).fill("50000");
    await rule.getByText("Advanced: edit as JSON").click();
    const json = rule.getByLabel("Condition as JSON");
    await expect.poll(() => json.inputValue()).toBe('{ "slot": "budget", "atLeast": 50000 }');

    // Written as JSON, shown in the controls: any of two conditions.
    await json.fill(
      '{ "any": [{ "slot": "budget", "atLeast": 60000 }, { "slot": "email", "endsWith": ["@acme.com"] }] }',
    );
    const mode = rule.getByLabel("Holds when");
    await expect.poll(() => mode.inputValue()).toBe("any");
    const second = rule.getByRole("group", { name: "Condition 2" });
    expect(await second.getByLabel("Based on").inputValue()).toBe("email");
    expect(await second.getByLabel("Test").inputValue()).toBe("endsWith");
    expect(await second.getByLabel("Value", { exact: true }).inputValue()).toBe("@acme.com");
    expect(
      await rule.getByRole("group", { name: "Condition 1" }).getByLabel("Value", { exact: true }).inputValue(),
    ).toBe("60000");
    // JSON that does not parse is reported next to its box and leaves the controls as they were.
    await json.fill('{ "slot": ');
    const problem = await json.evaluate(
      (el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent,
    );
    expect(problem).toContain("Not valid JSON yet");
    expect(await json.getAttribute("aria-invalid")).toBe("true");
    expect(await mode.inputValue()).toBe("any");
    // The controls again: the box shows what they made.
    await second.getByLabel("Test").selectOption({ label: "is answered" });
    await expect
      .poll(() => json.inputValue())
      .toBe('{ "any": [ { "slot": "budget", "atLeast": 60000 }, { "slot": "email", "known": true } ] }');
    expect(await page.getByText("Not valid JSON yet").count()).toBe(0);
    await expectAccessible(page, "playbook editor, a rule built with controls");

    // The whole draft's JSON has it too.
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    expect(await page.getByLabel("Playbook JSON").inputValue()).toContain('"reason": "Budget at least $50k"');
    await page.getByRole("button", { name: "Form", exact: true }).click();
    expect(await rule.getByLabel("Points").inputValue()).toBe("12");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const review = page.getByRole("region", { name: /^Publish version 2\? 1 change/ });
    await expect
      .poll(() => review.getByRole("listitem").allTextContents())
      .toEqual(["Added Scoring ruleNow +12 when Budget at least 60,000 or Email is answered: Budget at least $50k"]);
    await review.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Published version 2" }).count()).toBe(1);
    const site = await app().store.getSite(app().siteKey);
    const published = await app().store.getPlaybook(site?.playbookId ?? "", site?.playbookVersion ?? 0);
    expect(published?.scoring.rules.at(-1)).toEqual({
      when: {
        any: [
          { slot: "budget", atLeast: 60000 },
          { slot: "email", known: true },
        ],
      },
      points: 12,
      reason: "Budget at least $50k",
    });

    // Version 1 back into the draft: nothing is published until it is reviewed.
    await page.getByText("Version history").click();
    const history = page.getByRole("group").filter({ hasText: "Version history" });
    await expect.poll(() => history.getByRole("listitem").count()).toBe(2);
    expect(await history.getByRole("listitem").first().textContent()).toContain("Scoring rule added");
    await history.getByRole("button", { name: "Restore into the draft version 1" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Version 1 is in the draft" }).count()).toBe(1);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect
      .poll(() => page.getByRole("region", { name: /^Publish version 3\? 1 change/ }).textContent())
      .toContain("Removed Scoring rule");
    expect((await app().store.getSite(app().siteKey))?.playbookVersion).toBe(2);
  });
});
