// The client's address, which limits count under: the socket's peer, or, behind a trusted proxy, the address that
// proxy saw: the last X-Forwarded-For hop (the proxy appends it; anything before it the client could have written
// itself).
export function clientIp(address: string, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const last = trustProxy ? header?.split(",").at(-1)?.trim() : undefined;
  return last || address;
}
