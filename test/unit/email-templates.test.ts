// The emails' words: every value escaped in the HTML part, links absolute, authors named; and what the start
// log says about SMTP (never its credentials).
import { describe, expect, it } from "vitest";
import { escapeHtml, inviteEmail, reengagedLeadEmail, transcriptEmail } from "../../server/email/templates.ts";
import { defaultFrom, describeMail } from "../../server/email/transport.ts";

describe("email templates", () => {
  it("escapes every character that could open markup or an attribute", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;",
    );
  });

  it("an invite: the inviter, the role, the absolute link in both parts, its expiry", () => {
    const link = "https://chat.acme.com/console#/invite/tok";
    const e = inviteEmail({ inviterName: "Ann <Owner>", role: "rep", link, expiresAt: Date.UTC(2026, 0, 8, 12) });
    expect(e.subject).toBe("Ann <Owner> invited you to Banter");
    expect(e.text).toContain(link);
    expect(e.text).toContain("as a sales rep");
    expect(e.text).toContain("Jan 8, 2026");
    expect(e.html).toContain(`<a href="${link}"`);
    expect(e.html).toContain("Ann &#60;Owner&#62;");
    expect(e.html).not.toContain("<Owner>");
  });

  it("a transcript: each line with its author and time in the visitor's zone, the visitor's words escaped", () => {
    const at = Date.UTC(2026, 11, 5, 15, 4);
    const e = transcriptEmail({
      siteName: "Acme & Co",
      timeZone: "Europe/Paris",
      lines: [
        { author: "bot", text: "What brings you here?", at },
        { author: "visitor", text: "<script>x()</script>\nsecond line", at },
        { author: "rep", authorName: "Rey", text: "Hi!", at },
        { author: "system", text: "", at },
      ],
    });
    expect(e.subject).toBe("Your chat with Acme & Co");
    expect(e.text).toContain("Bot (Dec 5, 2026, 4:04 PM):\nWhat brings you here?");
    expect(e.text).toContain("You (Dec 5, 2026, 4:04 PM):\n<script>x()</script>\nsecond line");
    expect(e.text).toContain("Rey (");
    expect(e.html).toContain("Acme &#38; Co");
    expect(e.html).toContain("&#60;script&#62;x()&#60;/script&#62;<br>second line");
    expect(e.html).not.toContain("<script>");
  });

  it("an unknown time zone falls back to UTC, said so", () => {
    const e = transcriptEmail({ siteName: "A", timeZone: "Mars/Base", lines: [{ author: "bot", text: "Hi", at: 0 }] });
    expect(e.text).toContain("Jan 1, 1970, 12:00 AM UTC");
  });
});

describe("email transport settings", () => {
  it("names the SMTP host and port for the log, never its user or password; a default From", () => {
    expect(describeMail("smtp://user:secret@smtp.example.com:2525")).toBe("SMTP smtp.example.com:2525");
    expect(describeMail("smtps://user:secret@smtp.example.com")).toBe("SMTP smtp.example.com:465");
    expect(describeMail("smtp://smtp.example.com")).toBe("SMTP smtp.example.com:587");
    expect(describeMail()).toBe("not sent (no SMTP_URL); kept in the console's Email page");
    expect(defaultFrom("smtp://u:p@smtp.example.com", "https://chat.acme.com")).toBe("Banter <banter@chat.acme.com>");
    expect(defaultFrom("smtp://u:p@smtp.example.com")).toBe("Banter <banter@smtp.example.com>");
  });
});

describe("re-engaged lead email", () => {
  it("says what the lead did from the behaviour reasons, with the visitor's words as text", () => {
    const mail = reengagedLeadEmail({
      siteName: "Acme",
      link: "https://chat.acme.test/console#/leads/c1",
      lead: {
        conversationId: "c1",
        siteKey: "k",
        siteName: "Acme",
        status: "closed",
        qualification: {
          score: 80,
          tier: "hot",
          stage: "mql",
          reasons: [
            { slot: "need", points: -20, reason: "Need: <b>browsing</b>" },
            { slot: "", points: 100, reason: "Visited pricing 3 times", behaviour: true },
          ],
        },
        answers: [{ slot: "need", label: "Need", answer: "<script>x</script>", words: "x" }],
        pageTrail: [],
        createdAt: 0,
        email: "ana@acme.io",
        reengagedAt: 1,
      },
    });
    expect(mail.subject).toBe("Lead back and hot on Acme: ana@acme.io");
    expect(mail.text).toContain("came back to the site after the chat and is now hot: Visited pricing 3 times.");
    expect(mail.text).not.toContain("Need: <b>browsing</b>;");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.html).not.toContain("<script>");
  });
});
