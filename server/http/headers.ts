// The security headers of every response, in one place. helmet writes them: the usual set, each header spelled
// as browsers expect, kept up to date by people who follow the browsers.
import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { queueStub } from "../../shared/sites/snippet.ts";

// The demo page plays a customer's page on our origin: the snippet's queue stub is the one inline script allowed,
// by its hash (a copy of it injected elsewhere could only queue Banter calls).
const stubHash = `'sha256-${createHash("sha256")
  .update(queueStub.replace(/^<script>|<\/script>$/g, ""))
  .digest("base64")}'`;

// Banter's own pages and answers: the console, the API, the demo page. No page may frame them, ours included (a
// same-site page framed the signed-in console: issue 16), and no other origin may embed what they answer.
export const ownHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'", stubHash],
      // Preact and the widget's shadow root set styles inline.
      "style-src": ["'self'", "'unsafe-inline'"],
      // The chat header's picture is an owner's https address (sites/schema.ts), drawn on the demo page as on theirs.
      "img-src": ["'self'", "https:"],
      // The console's socket; polling is plain 'self'.
      "connect-src": ["'self'", "ws:", "wss:"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "object-src": ["'none'"],
      "form-action": ["'self'"],
    },
  },
  // For browsers that do not know frame-ancestors.
  xFrameOptions: { action: "deny" },
  // Our own requests keep their Referer and Origin (changes are checked by Origin, auth.ts); other sites, such as
  // a visitor's page opened from a lead card, learn nothing.
  referrerPolicy: { policy: "same-origin" },
  // Whoever terminates TLS decides about HSTS (docs/deployment.md): a self-hosted server may be reached over
  // plain http on a private network, and one year of includeSubDomains is not ours to pin.
  strictTransportSecurity: false,
});

// What customers' pages on other origins load: the widget script, its assets and the site config. They are read
// from any origin (CORS for the lazy chat app and the config fetch, Cross-Origin-Resource-Policy for the script
// tag); nothing private is served under these headers. The chat draws in the host page (a shadow root), never in
// a frame, so frame-ancestors and X-Frame-Options, which browsers apply only to documents, do not stand in its way.
export function embeddable(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  next();
}
