// Accounts and the team in real Chromium: the owner invites a rep and copies the link, the rep joins from it in
// another browser (signed out) and lands signed in on Chats; the owner disables the rep, whose console signs out
// at once, then removes them after a confirmation; a password and name change on the Account page.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, ownerEmail, ownerPassword } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

describe("browser: console team and accounts", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  async function ownerPage(): Promise<Page> {
    const context = await shared.browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app().url });
    const page = await context.newPage();
    await consoleLogin(page, app().url);
    return page;
  }

  async function open(page: Page, label: string, heading: string) {
    await openFromNav(page, label);
    await expect.poll(() => page.getByRole("heading", { level: 1, name: heading }).isVisible()).toBe(true);
  }

  const members = (page: Page) => page.getByRole("table");

  it("invite, copy, join from the link signed out, land on Chats; disabling signs the rep out; remove", {
    timeout: 60_000,
  }, async () => {
    const login = await (await shared.browser().newContext()).newPage();
    await login.goto(`${app().url}/console`);
    await expect.poll(() => login.getByRole("heading", { name: "Log in to Banter" }).isVisible()).toBe(true);
    await expectAccessible(login, "login page");

    const owner = await ownerPage();
    await open(owner, "Team", "Team");
    await expect.poll(() => members(owner).textContent()).toContain(ownerEmail);

    // A bad email is refused on its field.
    await owner.getByLabel("Email").fill(ownerEmail);
    await owner.getByRole("button", { name: "Create invite link" }).click();
    const email = owner.getByRole("textbox", { name: "Email" });
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(owner, "team page with a field error");

    await email.fill("nia@test.local");
    await owner.getByLabel("Name (optional)").fill("Nia");
    await owner.getByLabel("Role").selectOption("rep");
    await owner.getByRole("button", { name: "Create invite link" }).click();
    const linkBox = owner.getByLabel("Invite link for nia@test.local");
    await expect.poll(() => linkBox.isVisible()).toBe(true);
    const link = await linkBox.inputValue();
    expect(link).toMatch(new RegExp(`^${app().url}/console#/invite/.+`));
    // No SMTP in this test: the page does not pretend the invite was emailed.
    expect(await owner.getByText("Email is not set up: copy this link and send it yourself.").count()).toBe(1);
    await owner.getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Copied" }).count()).toBe(1);
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const pending = owner.getByRole("region", { name: "Pending invites" });
    await expect.poll(() => pending.textContent()).toContain("nia@test.local");
    await expectAccessible(owner, "team page with an invite link");

    // The new rep, in a browser that never signed in.
    const rep = await (await shared.browser().newContext()).newPage();
    await rep.goto(link);
    await expect.poll(() => rep.getByRole("heading", { name: "Join the team on Banter" }).isVisible()).toBe(true);
    await expect.poll(() => rep.getByText("nia@test.local").isVisible()).toBe(true);
    expect(await rep.getByLabel("Your name").inputValue()).toBe("Nia");
    await expectAccessible(rep, "invite page");
    await rep.getByLabel("Password", { exact: true }).fill("nia's long password");
    await rep.getByLabel("Password again").fill("nia's long password");
    await rep.getByRole("button", { name: "Join the team" }).click();
    await expect.poll(() => rep.evaluate(() => location.hash)).toBe("#/chats");
    const chats = rep.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Chats" });
    await expect.poll(() => chats.getAttribute("aria-current")).toBe("page");
    await expect.poll(() => rep.getByText("Online", { exact: true }).isVisible()).toBe(true);
    // A rep has no Team page.
    expect(await rep.getByRole("link", { name: "Team" }).count()).toBe(0);

    // The link is used up.
    const again = await (await shared.browser().newContext()).newPage();
    await again.goto(link);
    await expect.poll(() => again.getByRole("alert").filter({ hasText: "has been used" }).count()).toBe(1);

    // The owner sees the new member (and no pending invite), and disables them: the rep's console signs out.
    await owner.reload();
    await expect.poll(() => members(owner).textContent()).toContain("nia@test.local");
    await expect.poll(() => pending.textContent()).toContain("No pending invites");
    await owner.getByRole("button", { name: "Disable Nia" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Nia was disabled" }).count()).toBe(1);
    await expect.poll(() => members(owner).getByRole("row", { name: /Nia/ }).textContent()).toContain("Disabled");
    await expect
      .poll(() => rep.getByRole("heading", { name: "Log in to Banter" }).isVisible(), { timeout: 15_000 })
      .toBe(true);

    // Remove, after a confirmation; Cancel keeps them.
    await owner.getByRole("button", { name: "Remove Nia" }).click();
    const dialog = owner.getByRole("dialog", { name: "Remove Nia?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(owner, "remove dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await members(owner).textContent()).toContain("nia@test.local");
    await owner.getByRole("button", { name: "Remove Nia" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => members(owner).textContent()).not.toContain("nia@test.local");
    expect((await app().store.listUsers()).map((u) => u.email)).toEqual([ownerEmail]);
  });

  it("an invite can be revoked: its link then says so", { timeout: 30_000 }, async () => {
    const owner = await ownerPage();
    await open(owner, "Team", "Team");
    await owner.getByLabel("Email").fill("late@test.local");
    await owner.getByRole("button", { name: "Create invite link" }).click();
    const linkBox = owner.getByLabel("Invite link for late@test.local");
    await expect.poll(() => linkBox.isVisible()).toBe(true);
    const link = await linkBox.inputValue();
    await owner.getByRole("button", { name: "Revoke the invite for late@test.local" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "was revoked" }).count()).toBe(1);
    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(link);
    await expect.poll(() => visitor.getByRole("alert").filter({ hasText: "revoked" }).count()).toBe(1);
  });

  it("an invite link opened while signed in says it is for someone new, and Log out leads to it", {
    timeout: 30_000,
  }, async () => {
    const owner = await ownerPage();
    await open(owner, "Team", "Team");
    await owner.getByLabel("Email").fill("new@test.local");
    await owner.getByRole("button", { name: "Create invite link" }).click();
    const linkBox = owner.getByLabel("Invite link for new@test.local");
    await expect.poll(() => linkBox.isVisible()).toBe(true);
    await owner.goto(await linkBox.inputValue());
    await expect.poll(() => owner.getByRole("heading", { level: 1, name: "Invitation" }).isVisible()).toBe(true);
    await expectAccessible(owner, "an invite link while signed in");
    await owner.getByRole("main").getByRole("button", { name: "Log out" }).click();
    await expect.poll(() => owner.getByRole("heading", { name: "Join the team on Banter" }).isVisible()).toBe(true);
  });

  it("the Account page changes the name and the password, with errors on the fields", { timeout: 30_000 }, async () => {
    const page = await ownerPage();
    await open(page, "Account", "Your account");
    await expectAccessible(page, "account page");

    await page.getByLabel("Display name").fill("Olive");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Name saved." }).count()).toBe(1);
    // The header says the new name at once.
    await expect.poll(() => page.getByRole("banner").getByText("Olive", { exact: true }).isVisible()).toBe(true);

    // Which emails: this server has no SMTP, and the form says so; a choice is kept.
    const emails = page.getByRole("form", { name: "Email me" });
    await expect.poll(() => emails.getByText("Email is not set up on this server").count()).toBe(1);
    const missed = emails.getByRole("checkbox", { name: "A hot lead nobody took" });
    await expect.poll(() => missed.isChecked()).toBe(true);
    await missed.uncheck();
    // The digest is opt-in.
    const digest = emails.getByRole("checkbox", { name: "A daily digest" });
    expect(await digest.isChecked()).toBe(false);
    await digest.check();
    await emails.getByRole("button", { name: "Save email settings" }).click();
    await expect.poll(() => emails.getByRole("status").textContent()).toBe("Email settings saved.");
    await page.reload();
    await expect.poll(() => page.getByRole("form", { name: "Email me" }).getByRole("checkbox").count()).toBe(3);
    expect(await page.getByRole("checkbox", { name: "A hot lead nobody took" }).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", { name: /past its speed-to-lead/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "A daily digest" }).isChecked()).toBe(true);
    await expectAccessible(page, "account page with its email settings");

    const current = page.getByLabel("Current password");
    await current.fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill("a much better passphrase");
    await page.getByLabel("New password again").fill("a much better passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => current.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await current.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent()).toContain("not your current");
    await expectAccessible(page, "account page with a field error");

    await current.fill(ownerPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Password changed" }).count()).toBe(1);
    // Still signed in here; the new password is the one that works.
    expect(await page.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
    await expect(app().login(ownerEmail, ownerPassword)).rejects.toThrow("401");
    expect((await app().login(ownerEmail, "a much better passphrase")).user.name).toBe("Olive");
  });
});
