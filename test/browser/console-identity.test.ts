// Lead source and identity in the console, in real Chromium: the owner shows, copies and rotates a site's
// identity secret; a rep's ringing offers then say where each lead came from and whether the site vouched for who
// they are, in words ("Verified", "Unverified"), with no axe violations.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, ok, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const hmac = (secret: string, userId: string) => createHmac("sha256", secret).update(userId).digest("hex");

describe("browser: lead source and identity", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("the owner shows, copies and rotates the secret; offers show the source and Verified or Unverified", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const context = await shared.browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: h.url });
    const page = await context.newPage();
    await consoleLogin(page, h.url);
    await expect.poll(() => page.getByRole("region", { name: "Offers" }).count()).toBe(1);

    await page.goto(`${h.url}/console#/sites/${h.siteKey}`);
    const card = page.getByRole("region", { name: "Identity verification" });
    await expect.poll(() => card.count()).toBe(1);
    const secretText = card.locator("code.identity-secret");
    // Hidden until asked for.
    expect(await secretText.isVisible()).toBe(false);
    expect(await secretText.textContent()).toBe("");
    await card.getByRole("button", { name: "Show secret" }).click();
    await expect.poll(() => secretText.textContent()).toMatch(/^[0-9a-f]{64}$/);
    const first = (await secretText.textContent()) ?? "";
    expect(await card.getByRole("button", { name: "Hide secret" }).getAttribute("aria-expanded")).toBe("true");
    await card.getByRole("button", { name: "Copy secret" }).click();
    await expect.poll(() => card.getByRole("status").textContent()).toBe("Secret copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await expectAccessible(page, "the site with its identity secret shown");

    const rotate = card.getByRole("button", { name: "Rotate secret" });
    await rotate.click();
    const dialog = page.getByRole("dialog", { name: "Rotate the identity secret?" });
    await expect.poll(() => dialog.count()).toBe(1);
    await expectAccessible(page, "the rotate confirmation");
    // Cancel changes nothing and gives focus back.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => rotate.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await secretText.textContent()).toBe(first);
    await rotate.click();
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => secretText.textContent()).not.toBe(first);
    const secret = (await secretText.textContent()) ?? "";
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await h.store.getSite(h.siteKey))?.identitySecret).toBe(secret);
    await expect.poll(() => card.getByRole("status").textContent()).toContain("A new secret is in use");

    // Two hot leads: one signed with the new secret, from a Google ad; one whose hash was made with the old one.
    await page.goto(`${h.url}/console#/chats`);
    const offers = page.getByRole("region", { name: "Offers" });
    await expect.poll(() => page.getByRole("banner").textContent()).toContain("Online");
    const landing = "https://acme.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=q1-campaign";
    const signed = h.visitor();
    await connected(signed);
    await ok(
      signed.emitWithAck("conversation:join", {
        lastSeq: 0,
        source: {
          landingPage: landing,
          referrer: "https://www.google.com/",
          utm: { source: "google", medium: "cpc", campaign: "q1-campaign" },
        },
        identity: { userId: "u-1", name: "Ana Verified", userHash: hmac(secret, "u-1") },
      }),
    );
    await qualifyHot(signed, "ana@big.co");
    const stale = h.visitor();
    await connected(stale);
    await ok(
      stale.emitWithAck("conversation:join", {
        lastSeq: 0,
        source: { landingPage: "https://acme.example/", referrer: "javascript:alert(1)" },
        identity: { userId: "u-2", name: "Bo Claimed", userHash: hmac(first, "u-2") },
      }),
    );
    await qualifyHot(stale, "bo@big.co");

    const ana = offers.getByRole("article").filter({ hasText: "ana@big.co" });
    await expect.poll(() => ana.count()).toBe(1);
    const anaText = (await ana.textContent()) ?? "";
    expect(anaText).toContain("google / cpc / q1-campaign");
    expect(anaText).toContain("Ana Verified");
    expect(await ana.getByText("Verified", { exact: true }).count()).toBe(1);
    // The hash signs the user id only: the rep is told the name and email are the page's word.
    expect(anaText).toContain("The site signed this user id; the name and email are as its page gave them.");
    expect(await ana.getByRole("link", { name: landing }).getAttribute("rel")).toContain("noopener");
    expect(await ana.getByRole("link", { name: "https://www.google.com/" }).count()).toBe(1);

    const bo = offers.getByRole("article").filter({ hasText: "bo@big.co" });
    await expect.poll(() => bo.count()).toBe(1);
    expect(await bo.getByText("Unverified", { exact: true }).count()).toBe(1);
    expect(await bo.textContent()).toContain("Bo Claimed");
    // A referrer that is not http(s) is shown as text, never as a link.
    expect(await bo.getByText("javascript:alert(1)").count()).toBe(1);
    expect(await bo.getByRole("link", { name: "javascript:alert(1)" }).count()).toBe(0);
    await expectAccessible(page, "offers with source and identity");

    // The inbox's record of the conversation says the same.
    const anaId = (await h.store.listConversations(h.siteKey, 10)).find((c) => c.identity?.userId === "u-1")?.id;
    await page.goto(`${h.url}/console#/inbox/${anaId}`);
    const lead = page.getByRole("region", { name: "Lead" });
    await expect.poll(() => lead.textContent()).toContain("google / cpc / q1-campaign");
    expect(await lead.getByText("Verified", { exact: true }).count()).toBe(1);
    await expectAccessible(page, "the conversation record with source and identity");

    // The funnel: which sources brought qualified leads, and the report for one of them.
    await page.goto(`${h.url}/console#/funnel`);
    const sources = page.getByRole("region", { name: "By source" });
    await expect.poll(() => sources.getByRole("row").count()).toBe(3);
    expect(
      await sources
        .getByRole("row", { name: /^google/ })
        .getByRole("cell")
        .allTextContents(),
    ).toEqual(["1", "1", "100%", "1", "0"]);
    await page.getByRole("combobox", { name: "Source" }).selectOption("google");
    await page.getByRole("button", { name: "Show" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Showing" }).textContent())
      .toContain("source google");
    expect(new URL(page.url()).hash).toContain("source=google");
    await expect
      .poll(() => page.getByRole("region", { name: "Stages" }).locator(".funnel-summary").textContent())
      .toContain("1 opened the chat");
    expect(await sources.getByRole("row").count()).toBe(3);
    await expectAccessible(page, "the funnel filtered by source");
  });
});
