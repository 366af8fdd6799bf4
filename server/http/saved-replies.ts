// The team's saved replies: owners add, edit and delete them on the Saved replies page; everyone signed in lists
// them, for the reply box's "/" picker. Console sessions only, like the team and API keys.
import { randomUUID } from "node:crypto";
import express, { type Response, Router } from "express";
import { z } from "zod";
import {
  ErrorCode,
  type SavedReply,
  type SavedReplyInput,
  savedReplyLimits,
  shortcutPattern,
} from "../../shared/protocol/index.ts";
import { freeLine, freeText } from "../../shared/protocol/text.ts";
import type { AccountsStore, SavedRepliesStore, SavedReplyWrite } from "../store/types.ts";
import { requireUser } from "./auth.ts";
import { parseForm, refuse } from "./forms.ts";

const count = (n: number) => n.toLocaleString("en-US");

const savedReplyInput: z.ZodType<SavedReplyInput> = z
  .object({
    // Stored as typed after the "/": an owner who writes "/Pricing" means "pricing".
    shortcut: freeLine("Enter a shortcut.")
      .trim()
      .toLowerCase()
      .overwrite((s) => s.replace(/^\//, ""))
      .min(1, "Enter a shortcut.")
      .max(savedReplyLimits.shortcut, `Use at most ${savedReplyLimits.shortcut} characters.`)
      .regex(shortcutPattern, "Use letters, digits, - and _ only, without spaces."),
    title: freeLine("Enter a title, or leave it empty.")
      .trim()
      .max(savedReplyLimits.title, `Use at most ${savedReplyLimits.title} characters.`)
      .optional(),
    text: freeText("Enter the reply's text.")
      .trim()
      .min(1, "Enter the reply's text.")
      .max(savedReplyLimits.text, `Use at most ${count(savedReplyLimits.text)} characters: one chat message.`),
  })
  .strict();

export function savedReplyRoutes(store: AccountsStore & SavedRepliesStore, now: () => number): Router {
  const r = Router();
  const signedIn = requireUser(store);
  const owner = requireUser(store, "owner");
  // A reply of 2,000 characters, each up to 4 bytes of UTF-8 or a 6-byte JSON escape, with room to spare.
  const body = express.json({ limit: "16kb" });

  // Every refusal leaves what is stored as it was: the store checks and writes in one step.
  function refused(res: Response, outcome: Exclude<SavedReplyWrite, "ok">, shortcut: string): void {
    if (outcome === "missing") {
      refuse(res, 404, ErrorCode.NOT_FOUND, "No such saved reply.");
    } else if (outcome === "full") {
      const message = `The team can have at most ${savedReplyLimits.replies} saved replies: delete one first.`;
      refuse(res, 409, ErrorCode.CONFLICT, message);
    } else {
      const message = `Another saved reply has the shortcut /${shortcut}.`;
      res.status(409).json({ error: { code: ErrorCode.CONFLICT, message, fields: [{ path: "shortcut", message }] } });
    }
  }

  function record(input: SavedReplyInput, id: string, createdAt: number): SavedReply {
    const { title, ...rest } = input;
    return { id, ...rest, ...(title ? { title } : {}), createdAt, updatedAt: now() };
  }

  r.get("/api/saved-replies", signedIn, async (_req, res) => {
    res.json({ savedReplies: await store.listSavedReplies() });
  });

  r.post("/api/saved-replies", owner, body, async (req, res) => {
    const input = parseForm(savedReplyInput, req.body, res);
    if (!input) return;
    const reply = record(input, randomUUID(), now());
    const outcome = await store.addSavedReply(reply, savedReplyLimits.replies);
    if (outcome !== "ok") return refused(res, outcome, reply.shortcut);
    res.status(201).json({ savedReply: reply });
  });

  r.put("/api/saved-replies/:id", owner, body, async (req, res) => {
    const input = parseForm(savedReplyInput, req.body, res);
    if (!input) return;
    const found = await store.getSavedReply(String(req.params.id).slice(0, 64));
    if (!found) return refused(res, "missing", input.shortcut);
    const reply = record(input, found.id, found.createdAt);
    const outcome = await store.replaceSavedReply(reply);
    if (outcome !== "ok") return refused(res, outcome, reply.shortcut);
    res.json({ savedReply: reply });
  });

  r.delete("/api/saved-replies/:id", owner, async (req, res) => {
    if (!(await store.removeSavedReply(String(req.params.id).slice(0, 64)))) {
      return refuse(res, 404, ErrorCode.NOT_FOUND, "No such saved reply.");
    }
    res.status(204).end();
  });

  return r;
}
