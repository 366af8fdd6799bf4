// The signature a receiver checks (docs/webhooks.md): HMAC-SHA256 with the endpoint's secret over
// "<unix seconds>.<raw body>", so a replayed body with a new timestamp, or a changed body, does not verify.
import { createHmac, randomBytes } from "node:crypto";
import type { WebhookEventType } from "../../shared/protocol/index.ts";

export const signatureHeader = "Banter-Signature";
export const deliveryHeader = "Banter-Delivery";
export const eventHeader = "Banter-Event";

export function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function signature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

// Every header of one attempt. The timestamp is the attempt's, so a retry is signed afresh.
export function deliveryHeaders(
  d: { id: string; event: WebhookEventType; body: string },
  secret: string,
  unixSeconds: number,
): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Banter-Webhooks/1",
    [signatureHeader]: signature(secret, unixSeconds, d.body),
    [deliveryHeader]: d.id,
    [eventHeader]: d.event,
  };
}
