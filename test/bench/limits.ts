// The benchmarks are one IP sending thousands of turns a second: with the real rate limits they would measure
// the limits themselves.
const open = { limit: 1e9, windowMs: 1000 };

export const benchLimits = {
  messagesPerIp: open,
  messagesPerSite: open,
  messagesPerVisitor: open,
  joinsPerIp: open,
  joinsPerSite: open,
  connectionsPerIp: 1e6,
};
