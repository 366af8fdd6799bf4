// Privacy requests from a data subject, by the email they gave or their visitor id, across every site: find what
// is kept, export it as one JSON document, erase it. Owners in the console, or API keys (erasing needs write).
// The email travels in the request body, never in a path or query string that access logs keep.
import express, { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { DataSubject, SubjectErased } from "../../shared/protocol/index.ts";
import type { EraseDeps } from "../conversation/erase.ts";
import { eraseSubject, exportSubject, findSubject } from "../conversation/subject.ts";
import type { AccountsStore, ConversationsStore, MessagesStore, PrivacyStore, SitesStore } from "../store/types.ts";
import { type ApiAccess, apiKeyOr, currentUser, requireUser } from "./auth.ts";
import { email, parseForm } from "./forms.ts";

export const subjectRequest = z
  .object({
    email: email.optional(),
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "A visitor id is 1 to 64 letters, digits, - or _.")
      .optional(),
  })
  .strict()
  .refine((s) => (s.email === undefined) !== (s.visitorId === undefined), {
    path: ["email"],
    message: "Give either an email or a visitor id.",
  });

function subjectOf(req: Request, res: Response): DataSubject | null {
  const asked = parseForm(subjectRequest, req.body, res);
  if (!asked) return null;
  return asked.email !== undefined ? { email: asked.email } : { visitorId: asked.visitorId ?? "" };
}

export function privacyRoutes(
  store: AccountsStore & SitesStore & ConversationsStore & MessagesStore & PrivacyStore,
  access: ApiAccess,
  erase: Omit<EraseDeps, "store">,
): Router {
  const r = Router();
  const owner = requireUser(store, "owner");
  const reader = apiKeyOr(access, "read", owner);
  const writer = apiKeyOr(access, "write", owner);
  const body = express.json({ limit: "4kb" });

  r.post("/api/privacy/find", reader, body, async (req, res) => {
    const subject = subjectOf(req, res);
    if (subject) res.json(await findSubject(store, subject));
  });

  r.post("/api/privacy/export", reader, body, async (req, res) => {
    const subject = subjectOf(req, res);
    if (!subject) return;
    res.setHeader("Content-Disposition", 'attachment; filename="banter-export.json"');
    res.json(await exportSubject(store, subject, access.now()));
  });

  r.post("/api/privacy/erase", writer, body, async (req, res) => {
    const subject = subjectOf(req, res);
    if (!subject) return;
    const erased: SubjectErased = {
      erased: await eraseSubject({ store, ...erase }, subject, currentUser(res)),
    };
    res.json(erased);
  });

  return r;
}
