// Webhooks in the console, in real Chromium: the owner adds an endpoint (a wrong address first, shown next to
// its field), sends a test event to a real local receiver, hears the outcome, and sees it in the delivery log.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";
import { receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

describe("browser: console webhooks", () => {
  // The test event goes to a local receiver, on loopback.
  const app = appOnRedis({ webhookAllowNetworks: receiverNetwork });
  const shared = sharedBrowser();

  it("add an endpoint, send a test event to a local receiver, see it in the log", { timeout: 60_000 }, async () => {
    const h = app();
    const receiver = await webhookReceiver();
    shared.closers.push(receiver.close);
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await openFromNav(page, "Webhooks");
    await expect.poll(() => page.getByRole("heading", { name: "Webhooks", level: 1 }).count()).toBe(1);
    await expect.poll(() => page.getByText("This site has no webhook endpoints yet.").count()).toBe(1);
    expect(await page.getByLabel("Site", { exact: true }).inputValue()).toBe(h.siteKey);
    await expectAccessible(page, "the webhooks page, empty");

    const url = page.getByLabel("Endpoint URL");
    await url.fill("ftp://files.example/in");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => url.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.getByText("only http:// and https:// addresses").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("wh-new-url");
    await url.fill(receiver.url);
    await page.getByRole("checkbox", { name: /handoff\.missed/ }).uncheck();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => page.getByText(`Endpoint added: ${receiver.url}`).count()).toBe(1);
    const card = page.getByRole("region", { name: receiver.url });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain("Enabled");
    expect(await card.textContent()).not.toContain("handoff.missed");
    // The delivery log loads after the card appears.
    await expect.poll(() => card.textContent()).toContain("Nothing sent yet.");

    await card.getByRole("button", { name: "Show secret" }).click();
    await expect.poll(() => card.locator("code").first().textContent()).toMatch(/^whsec_/);
    const secret = (await card.locator("code").first().textContent()) ?? "";

    await card.getByRole("button", { name: "Send test event" }).click();
    await expect
      .poll(() => card.getByRole("status").textContent(), { timeout: 20_000 })
      .toBe("Test event delivered: HTTP 200.");
    const row = card.getByRole("row", { name: /webhook\.test/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("succeeded");
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    const [t, v1] = String(got?.headers["banter-signature"]).split(",");
    const expected = createHmac("sha256", secret)
      .update(`${t?.slice(2)}.${got?.body}`)
      .digest("hex");
    expect(v1).toBe(`v1=${expected}`);
    expect(await row.textContent()).toContain(String(got?.headers["banter-delivery"]));
    await expectAccessible(page, "the webhooks page with an endpoint and its log");
  });
});
