// What an owner may send to the Webhooks API; every problem reported by field path, like the Sites API.
import { z } from "zod";
import { webhookEvents } from "../../shared/protocol/index.ts";

// Banter posts to whatever address the owner configures (docs/webhooks.md, "Where Banter posts"): only http(s),
// and no user:password in the address, where it would be kept and shown in clear.
export const endpointUrl = z
  .string()
  .trim()
  .min(1, "The address cannot be empty")
  .max(2048, "The address can be at most 2048 characters")
  .superRefine((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: "custom", message: "a web address like https://hooks.example.com/banter" });
      return;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:")
      ctx.addIssue({ code: "custom", message: "only http:// and https:// addresses" });
    else if (u.username || u.password)
      ctx.addIssue({ code: "custom", message: "no user name or password in the address; use a secret path or query" });
  });

const fields = {
  url: endpointUrl,
  events: z
    .array(z.enum(webhookEvents, { message: `one of ${webhookEvents.join(", ")}` }))
    .min(1, "choose at least one event")
    .transform((list) => webhookEvents.filter((e) => list.includes(e))),
  enabled: z.boolean(),
};

export const endpointUpdate = z.object(fields).partial().strict();
export const endpointCreate = endpointUpdate.required({ url: true });
export type EndpointUpdate = z.infer<typeof endpointUpdate>;
