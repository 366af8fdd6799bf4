// Issue 14 end to end in real Chromium, the customer's page on another origin than the server: a visitor types the
// way visitors type, asks questions and gets the site's answers (A1-A3), is told honestly when the bot does not
// know and offered a person who is online (A4), and is promised a rep only when one will really be rung (H1).
import { describe, expect, it } from "vitest";
import { appOnRedis, ownerOnline } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { openChat, sharedBrowser } from "../support/browser.ts";

describe("browser: the bot converses", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  async function visitor() {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(await shared.host(h));
    const chat = await openChat(page);
    const box = chat.getByRole("textbox", { name: "Message" });
    const log = chat.getByRole("log");
    const say = async (text: string, next: string) => {
      await box.fill(text);
      await box.press("Enter");
      await expect.poll(() => log.textContent()).toContain(next);
    };
    return { h, page, chat, log, say };
  }

  it("A1 A3 C4 answers a question with its link, then goes on; an opener is said back in one line", async () => {
    const { page, chat, log, say } = await visitor();
    await say("not sure, what does it cost?", "Now, back to my question: What brings you here today?");
    const answer = chat.getByRole("link", { name: /See pricing/ });
    expect(await answer.getAttribute("href")).toBe("https://example.com/pricing");
    expect(await answer.getAttribute("target")).toBe("_blank");
    await say(
      "We need a better way to qualify our inbound leads, about 40.000 EUR a year",
      "Got it: Capture more leads from our website, about €40,000 per year. Who makes the buying decision?",
    );
    await say("I'd rather not say", "No problem, let's skip that. When do you need this in place?");
    // The email question can be skipped by a button too.
    await say("no rush, just researching", "What's the best email to reach you?");
    await chat.getByRole("button", { name: "Skip" }).click();
    await expect.poll(() => log.textContent()).toContain("I've passed your answers on to our sales team.");
    expect((await log.textContent())?.toLowerCase()).not.toContain("by email");
    await expectAccessible(page, "the chat after an answer and a skip");
  });

  it("A4 H1 with a rep online: an unknown question offers a person, who is rung for real", async () => {
    const { h, chat, log, say } = await visitor();
    const rep = await ownerOnline(h);
    const rang = new Promise<void>((resolve) => rep.on("offer:created", () => resolve()));
    await chat.getByRole("button", { name: "Capture more leads from our website" }).click();
    await say("can it book flights?", "I don't know that one, and I'd rather not guess.");
    await chat.getByRole("button", { name: "Talk to a person" }).click();
    await expect.poll(() => log.textContent()).toContain("I'm connecting you to a person now.");
    await rang;
  });

  it("H1 with nobody online: no person offered, and a hot lead hears one honest message", async () => {
    const { chat, log, say } = await visitor();
    await chat.getByRole("button", { name: "Capture more leads from our website" }).click();
    await say("can it book flights?", "I don't know that one, and I'd rather not guess.");
    expect(await chat.getByRole("button", { name: "Talk to a person" }).count()).toBe(0);
    await say("over 100k, I'm the CEO and we need it this month", "best email");
    await say("ceo@acme.io", "Nobody from the team is online right now, but if you leave your phone number");
    const text = (await log.textContent()) ?? "";
    expect(text).not.toContain("connecting you");
    expect(text).not.toContain("Sorry, nobody can take the chat");
    await say("+1 415 555 0123, after 2pm", "Thanks! A rep will call you at +14155550123 (after 2pm).");
  });
});
