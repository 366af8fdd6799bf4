// What an owner may send to the Webhooks API; every problem reported by field path, like the Sites API.
import { z } from "zod";
import { webhookEvents } from "../../shared/protocol/index.ts";
import { type AllowedNetworks, isAllowedHost } from "./targets.ts";

// Only http(s); no user:password in the address, where it would be kept and shown in clear; and no internal
// address (targets.ts), unless the operator allowed its network. Names are checked again on every delivery, on
// the addresses they resolve to then.
export function endpointUrl(allowed: AllowedNetworks) {
  return z
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
        ctx.addIssue({
          code: "custom",
          message: "no user name or password in the address; use a secret path or query",
        });
      else if (!isAllowedHost(u, allowed))
        ctx.addIssue({
          code: "custom",
          message:
            "not a public address: Banter does not post to private, loopback, link-local or cloud metadata addresses (the server's WEBHOOKS_ALLOW_NETWORKS setting can allow a network)",
        });
    });
}

export function endpointSchemas(allowed: AllowedNetworks) {
  const update = z
    .object({
      url: endpointUrl(allowed),
      events: z
        .array(z.enum(webhookEvents, { message: `one of ${webhookEvents.join(", ")}` }))
        .min(1, "choose at least one event")
        .transform((list) => webhookEvents.filter((e) => list.includes(e))),
      enabled: z.boolean(),
    })
    .partial()
    .strict();
  return { update, create: update.required({ url: true }) };
}

export type EndpointUpdate = z.infer<ReturnType<typeof endpointSchemas>["update"]>;
