// A real HTTP receiver on port 0 for webhook tests: records every request (headers and raw body) and answers
// each with the next planned status, or holds it unanswered ("hang") until the receiver closes.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookPayload } from "../../shared/protocol/index.ts";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: WebhookPayload;
}

export type Answer = number | "hang";

// The receiver listens on loopback, which Banter refuses by default (server/webhooks/targets.ts): an app that
// posts to it allows this network (startApp's webhookAllowNetworks), as a self-hoster would allow theirs.
export const receiverNetwork = "127.0.0.0/8";

export async function webhookReceiver(plan: Answer[] = [], then: Answer = 200) {
  const received: Received[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body, payload: JSON.parse(body) as WebhookPayload });
      const answer = plan.shift() ?? then;
      if (answer === "hang") held.push(res);
      else res.writeHead(answer, { "content-type": "text/plain" }).end("answer body, never kept");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    held,
    plan,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof webhookReceiver>>;
