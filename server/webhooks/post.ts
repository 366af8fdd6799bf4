// One webhook request, sent only to addresses that pass targets.ts at the moment of sending. The host is resolved
// here, every address it resolves to is checked, and the connection is made to those very addresses: a second
// lookup (a DNS answer that changed in between: rebinding) never gets a say. node:http(s) rather than fetch,
// because only they take a `lookup` of our own without another dependency (fetch would need undici's Agent).
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { type AllowedNetworks, isAllowedAddress } from "./targets.ts";

// Every address a host name has (tests inject one that answers what they need).
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true });

// The receiver's HTTP status; or the target refused before connecting; or no HTTP answer at all, with the cause
// for the server's log only (the owner sees one message for all of them: see worker.ts).
export type PostResult =
  | { kind: "answered"; status: number }
  | { kind: "refused" }
  | { kind: "no-answer"; cause: string };

export interface PostTarget {
  allowNetworks: AllowedNetworks;
  resolve: Resolve;
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  target: PostTarget,
): Promise<PostResult> {
  let u: URL;
  let addresses: LookupAddress[];
  try {
    u = new URL(url);
    const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await untilAborted(target.resolve(host), signal);
  } catch (err) {
    return { kind: "no-answer", cause: causeOf(err, signal) };
  }
  // All of them: the connection may try any (Node tries IPv6 and IPv4 in turn), so one private address among
  // public ones is enough to refuse.
  if (addresses.length === 0) return { kind: "no-answer", cause: "no address" };
  if (!addresses.every((a) => isAllowedAddress(a.address, target.allowNetworks))) return { kind: "refused" };
  const checked: LookupFunction = (_hostname, options, callback) => {
    const fit = addresses.filter((a) => !options.family || a.family === options.family);
    if (options.all) callback(null, fit);
    else if (fit[0]) callback(null, fit[0].address, fit[0].family);
    else callback(Object.assign(new Error("no address of that family"), { code: "ENOTFOUND" }), "", 0);
  };
  return new Promise((resolve) => {
    const send = u.protocol === "https:" ? httpsRequest : httpRequest;
    // TLS still names and checks the certificate of the URL's host (SNI): only the address is ours. No agent: a
    // fresh connection per attempt, made to the addresses just checked, never a pooled one. Redirects are not
    // followed (node:http never does): a redirect is the receiver's answer, and counts as a failure.
    const req = send(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: checked,
        agent: false,
        signal,
      },
      (res) => {
        // The answer's body is never read or kept.
        res.destroy();
        resolve({ kind: "answered", status: res.statusCode ?? 0 });
      },
    );
    req.on("error", (err) => resolve({ kind: "no-answer", cause: causeOf(err, signal) }));
    req.end(body);
  });
}

// A lookup cannot be cancelled; the attempt stops waiting for it when its time is up.
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

function causeOf(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "timeout";
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : "error";
}
