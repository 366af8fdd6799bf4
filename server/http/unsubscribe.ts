// /email/unsubscribe?t=<token>: the link in every follow-up email (docs/email.md). POST stops the emails: it is
// what a mail client's one-click unsubscribe sends (RFC 8058, no cookie) and what the page's button sends. GET
// only shows that button, since link scanners open every link in an email and must not unsubscribe anyone.
// Needs no session and no same-origin check: all it can do is stop emails to the conversation the token names.
import { Router } from "express";
import { verifyUnsubscribe } from "../auth/tokens.ts";
import { escapeHtml } from "../email/templates.ts";

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`;

const invalid = page("This link does not work", "<p>It may have been changed or cut short. Nothing was changed.</p>");

export function unsubscribeRoutes(deps: { visitorSecret: string; unsubscribe: (id: string) => Promise<boolean> }) {
  const r = Router();
  const tokenOf = (q: unknown) => (typeof q === "string" ? q : "");
  r.get("/email/unsubscribe", (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    const token = tokenOf(req.query.t);
    if (!verifyUnsubscribe(deps.visitorSecret, token)) {
      res.status(404).type("html").send(invalid);
      return;
    }
    const action = `/email/unsubscribe?t=${encodeURIComponent(token)}`;
    res
      .type("html")
      .send(
        page(
          "Unsubscribe",
          `<p>Stop the follow-up emails from this chat?</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  });
  r.post("/email/unsubscribe", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const id = verifyUnsubscribe(deps.visitorSecret, tokenOf(req.query.t));
    if (!id) {
      res.status(404).type("html").send(invalid);
      return;
    }
    // An erased conversation has nothing left to send: that is unsubscribed too.
    await deps.unsubscribe(id);
    res.type("html").send(page("You're unsubscribed", "<p>You will get no more follow-up emails from this chat.</p>"));
  });
  return r;
}
