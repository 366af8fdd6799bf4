// Limits enforced at the edge (server validation) and respected by clients (the composer refuses longer text).
export const Limits = {
  noteText: 2000,
  messageText: 2000,
  clientId: 64,
  token: 512,
  siteKey: 64,
  // socket.io rejects frames above this before our code sees them.
  maxFrameBytes: 64 * 1024,
} as const;
