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

// How both clients deliver (widget/transport/): when they retry, when they give up, how often they say "typing".
// The server does not enforce these; they are named here so the chat and the console follow one set. (Plain
// constants rather than an object like Limits: the bundler inlines them, and the chat app has a size budget.)

// "Is typing": `true` at most every typingRefreshMs while keys keep coming, `false` after typingIdleMs without
// input. The other side forgets an indicator without news for typingExpiryMs (a `false` can be lost).
export const typingRefreshMs = 3000;
export const typingIdleMs = 4000;
export const typingExpiryMs = 10_000;
