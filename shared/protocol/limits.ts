// Limits enforced at the edge (server validation) and respected by clients (the composer refuses longer text).
export const Limits = {
  noteText: 2000,
  messageText: 2000,
  // A visitor's comment with their rating of a chat.
  ratingComment: 1000,
  clientId: 64,
  token: 512,
  siteKey: 64,
  // socket.io rejects frames above this before our code sees them.
  maxFrameBytes: 64 * 1024,
} as const;

// A rating can be changed, or its comment added, for this long after the visitor first rated the chat; after it, only
// a repeat of the same rating is answered (as done), any change is refused.
export const ratingChangeMs = 10 * 60_000;

// How both clients deliver (widget/transport/): when they retry, when they give up, how often they say "typing".
// The server does not enforce these; they are named here so the chat and the console follow one set. (Plain
// constants rather than an object like Limits: the bundler inlines them, and the chat app has a size budget.)

// A request without an answer in this long counts as UNAVAILABLE (worth retrying).
export const ackTimeoutMs = 10_000;
// A send or read mark that failed for a moment is retried after about 1 s, 2 s, 4 s ... up to retryMaxMs, and never
// sooner than the server's retryAfterMs, believed up to retryAfterMaxMs (a nonsensical hint cannot park it).
export const retryMaxMs = 30_000;
export const retryAfterMaxMs = 600_000;
// INTERNAL may be a bug that repeats: retried this many times, then the person decides.
export const internalRetries = 5;
// A stored unsent message older than this is not sent after all (the conversation has moved on), nor one stamped
// further ahead of the clock than clockSkewMs (it would never age out).
export const outboxMaxAgeMs = 24 * 3600_000;
export const clockSkewMs = 60_000;
// "Is typing": `true` at most every typingRefreshMs while keys keep coming, `false` after typingIdleMs without
// input. The other side forgets an indicator without news for typingExpiryMs (a `false` can be lost).
export const typingRefreshMs = 3000;
export const typingIdleMs = 4000;
export const typingExpiryMs = 10_000;
// A new read mark waits this long for the marks a burst of messages brings, so the burst costs one request.
export const readDebounceMs = 500;
