// GET /chat/continue?t=<token>: the link an email gives a visitor who left (a rep's reply after they went, in
// server/notify/). The signed token names one conversation until it expires; the page opens the chat on it, as
// the visitor's own browser would have. A bad, expired or erased link is a plain page saying so, never a chat.
import { randomBytes } from "node:crypto";
import { type Request, Router } from "express";
import { signVisitor, verifyContinue } from "../auth/tokens.ts";
import type { ConversationsStore, SitesStore } from "../store/types.ts";
import { continuePage } from "./pages.ts";

function serverUrl(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

const gone = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link expired</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem"><h1>This link has expired</h1><p>It no longer opens a conversation. Start a new chat on the site where you first wrote.</p></body></html>`;

export function continueRoutes(
  store: ConversationsStore & SitesStore,
  deps: { visitorSecret: string; now: () => number },
): Router {
  const r = Router();
  r.get("/chat/continue", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const id = verifyContinue(deps.visitorSecret, token, deps.now());
    const c = id ? await store.getConversation(id) : null;
    const site = c ? await store.getSite(c.siteKey) : null;
    if (!c || !site) {
      res.status(404).type("html").send(gone);
      return;
    }
    const nonce = randomBytes(16).toString("base64");
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'`,
    );
    res
      .type("html")
      .send(continuePage(serverUrl(req), site.name, site.key, signVisitor(deps.visitorSecret, c.visitorId), nonce));
  });
  return r;
}
