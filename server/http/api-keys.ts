// API keys, managed by owners in the console: a key is shown once when made, then only its prefix; revoking one
// stops it at once. These routes take console sessions only: no API key can make or list keys.
import { randomUUID } from "node:crypto";
import express, { Router } from "express";
import { z } from "zod";
import { type ApiKeyCreated, type ApiKeyView, ErrorCode } from "../../shared/protocol/index.ts";
import { apiKeyPrefix, newApiKey } from "../auth/api-keys.ts";
import { tokenHash } from "../auth/tokens.ts";
import type { AccountsStore, ApiKey, ApiKeysStore } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";
import { parseForm, personName } from "./forms.ts";

const keyRequest = z.object({ name: personName, scope: z.enum(["read", "write"], "Choose read or write.") }).strict();

export function apiKeyRoutes(store: AccountsStore & ApiKeysStore, now: () => number): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  async function view(key: ApiKey, names?: Map<string, string>): Promise<ApiKeyView> {
    const by = names ? names.get(key.createdBy) : await store.getUser(key.createdBy).then((u) => u?.name || u?.email);
    return {
      id: key.id,
      name: key.name,
      scope: key.scope,
      prefix: key.prefix,
      createdAt: key.createdAt,
      ...(key.lastUsedAt !== undefined ? { lastUsedAt: key.lastUsedAt } : {}),
      createdBy: by ?? "a former teammate",
    };
  }

  r.get("/api/api-keys", owner, async (_req, res) => {
    const names = new Map((await store.listUsers()).map((u) => [u.id, u.name || u.email]));
    const keys = await store.listApiKeys();
    res.json({ apiKeys: await Promise.all(keys.map((k) => view(k, names))) });
  });

  r.post("/api/api-keys", owner, express.json({ limit: "4kb" }), async (req, res) => {
    const asked = parseForm(keyRequest, req.body, res);
    if (!asked) return;
    const key = newApiKey();
    const stored: ApiKey = {
      id: randomUUID(),
      name: asked.name,
      scope: asked.scope,
      hash: tokenHash(key),
      prefix: apiKeyPrefix(key),
      createdBy: currentUser(res).id,
      createdAt: now(),
    };
    await store.putApiKey(stored);
    const created: ApiKeyCreated = { apiKey: await view(stored), key };
    res.status(201).json(created);
  });

  r.delete("/api/api-keys/:id", owner, async (req, res) => {
    if (!(await store.revokeApiKey(String(req.params.id).slice(0, 64)))) {
      res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: "No such API key." } });
      return;
    }
    res.status(204).end();
  });

  return r;
}
