// /api/openapi.json against the running app: every documented operation answers (never the unknown-route 404)
// and its live answer validates against the documented schema; every route that takes an API key is documented,
// and every other /api route refuses keys or needs no credentials at all.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { ErrorCode } from "../../shared/protocol/index.ts";
import { call, makeKey } from "../support/api.ts";
import { appOnRedis, type Harness } from "../support/app.ts";

type Json = { [key: string]: unknown };

// The document's schemas with their $refs replaced by what they name, as a validator reads them.
function resolve(node: unknown, doc: Json): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, doc));
  if (!node || typeof node !== "object") return node;
  const ref = (node as { $ref?: string }).$ref;
  if (ref) {
    const name = ref.replace("#/components/schemas/", "");
    return resolve(((doc.components as Json).schemas as Json)[name], doc);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, doc)]));
}

function validator(doc: Json, schema: unknown) {
  return z.fromJSONSchema(resolve(schema, doc) as Parameters<typeof z.fromJSONSchema>[0]);
}

async function seed(h: Harness) {
  const engine = start(defaultPlaybook).state;
  const email = "doc@acme.io";
  engine.slots.email = {
    slot: "email",
    questionId: "email",
    label: "Email",
    order: 9,
    value: { kind: "email", email },
    display: email,
    words: email,
    at: 1,
  };
  const c: Conversation = {
    id: "c1",
    siteKey: h.siteKey,
    visitorId: "visitor-1",
    status: "bot",
    engine,
    createdAt: 1000,
    updatedAt: 1000,
    rev: 0,
    pageTrail: ["https://acme.io/pricing"],
    identity: { email, verified: false },
  };
  if (!(await h.store.getConversation("c1"))) await h.store.createConversation(c);
  await h.store.appendMessage({ conversationId: "c1", clientId: "m1", author: "visitor", text: "hello", at: 1001 });
  await h.store.addNote(
    { id: "n1", conversationId: "c1", authorId: "u", authorName: "Owner", text: "a note", at: 1002 },
    500,
  );
}

// A path of the route table or the document with its parameters filled in from the seeded data.
function fill(path: string, siteKey: string): string {
  return path
    .replace(/[:{](conversationId|id)\}?/g, "c1")
    .replace(/[:{]key\}?/g, siteKey)
    .replace(/[:{]token\}?/g, "x");
}

const bodies: Record<string, unknown> = {
  "POST /api/privacy/find": { email: "doc@acme.io" },
  "POST /api/privacy/export": { email: "doc@acme.io" },
  "POST /api/privacy/erase": { visitorId: "visitor-1" },
};

describe("OpenAPI document (Redis)", () => {
  const app = appOnRedis();

  async function setup() {
    const h = app();
    await seed(h);
    const { token: session } = await h.login();
    const key = (await makeKey(h, session, "write")).key;
    const doc = (await call(h.url, "", "GET", "/api/openapi.json")).body as Json;
    return { h, key, doc, paths: doc.paths as Record<string, Record<string, Json>> };
  }

  it("is OpenAPI 3.1 with the bearer scheme and the error shape of shared/protocol/errors.ts", async () => {
    const { doc } = await setup();
    expect(doc.openapi).toBe("3.1.0");
    expect((doc.components as Json).securitySchemes).toMatchObject({ apiKey: { type: "http", scheme: "bearer" } });
    const error = validator(doc, { $ref: "#/components/schemas/Error" });
    for (const code of Object.values(ErrorCode)) {
      expect(error.safeParse({ error: { code, message: "m" } }).success, code).toBe(true);
    }
    expect(error.safeParse({ error: { code: "NOPE", message: "m" } }).success).toBe(false);
    expect(error.safeParse({ error: { code: "BAD_REQUEST" } }).success).toBe(false);
    // Answers are held to the document exactly: a field it does not name fails.
    const note = { id: "n", conversationId: "c", authorId: "a", authorName: "A", text: "t", at: 1 };
    const notes = validator(doc, { $ref: "#/components/schemas/Note" });
    expect(notes.safeParse(note).success).toBe(true);
    expect(notes.safeParse({ ...note, secret: "x" }).success).toBe(false);
  });

  it("every documented operation answers with a key, and its answer validates against the document", {
    timeout: 30_000,
  }, async () => {
    const { h, key, doc, paths } = await setup();
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const { path, method, op } of operations) {
      await seed(h);
      const name = `${method} ${path}`;
      const res = await call(h.url, key, method, fill(path, h.siteKey), bodies[name]);
      expect(res.body?.error?.message, name).not.toBe("No such API route.");
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
      const ok = (op.responses as Record<string, { content: Record<string, { schema: unknown }> }>)["200"];
      const [type, media] = Object.entries(ok?.content ?? {})[0] ?? [];
      expect(res.headers.get("content-type"), name).toContain(type);
      const parsed = validator(doc, media?.schema).safeParse(res.body);
      expect(parsed.success ? [] : parsed.error.issues, name).toEqual([]);
      // Without a key: 401 in the documented error shape.
      const refused = await call(h.url, "", method, fill(path, h.siteKey), bodies[name]);
      expect(refused.status, name).toBe(401);
      const errorSchema = (op.responses as Record<string, { content: Record<string, { schema: unknown }> }>)["401"];
      expect(validator(doc, errorSchema?.content["application/json"]?.schema).safeParse(refused.body).success).toBe(
        true,
      );
    }
    // A bad request answers in the documented error shape too, with its fields.
    const bad = await call(h.url, key, "GET", "/api/leads?tier=lukewarm");
    expect(validator(doc, { $ref: "#/components/schemas/Error" }).safeParse(bad.body).success).toBe(true);
  });

  it("every /api route that takes an API key is documented; the others refuse keys or need no credentials", {
    timeout: 30_000,
  }, async () => {
    const { h, key, paths } = await setup();
    const documented = new Set(
      Object.entries(paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const table: string[] = [];
    const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: [] } }[]) => {
      for (const layer of stack) {
        if (layer.route) {
          for (const m of Object.keys(layer.route.methods)) table.push(`${m.toUpperCase()} ${layer.route.path}`);
        } else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((h.app.routes as unknown as { router: { stack: [] } }).router.stack);
    const api = table.filter((r) => r.split(" ")[1]?.startsWith("/api/") && r !== "GET /api/openapi.json");
    expect(api.length).toBeGreaterThan(30);
    const takesKeys: string[] = [];
    for (const route of api) {
      await seed(h);
      const [method = "", path = ""] = route.split(" ");
      const body = method === "GET" ? undefined : (bodies[route] ?? {});
      const anonymous = await call(h.url, "", method, fill(path, h.siteKey), body);
      if (anonymous.status !== 401) continue;
      const withKey = await call(h.url, key, method, fill(path, h.siteKey), body);
      if (withKey.status === 403 && withKey.body.error.message.startsWith("API keys cannot be used here")) continue;
      expect(withKey.status, route).not.toBe(401);
      takesKeys.push(route);
    }
    expect(takesKeys.sort()).toEqual([...documented].sort());
  });
});
