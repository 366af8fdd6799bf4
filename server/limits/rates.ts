// Rate limits, kept in the store so they hold across server processes. Windows are fixed and short: they
// stop floods and scripted abuse, not a person typing quickly. What each counts under is in store/keys.ts.
export interface Rate {
  limit: number;
  windowMs: number;
}

export interface Limits {
  messagesPerVisitor: Rate;
  messagesPerIp: Rate;
  messagesPerSite: Rate;
  messagesPerRep: Rate;
  // Every console event a rep sends (all their tabs together), and, tighter, the ones that fan out to the whole
  // team or read every site's queue (presence:set, inbox:get, team:get).
  repEvents: Rate;
  repFanOutEvents: Rate;
  joinsPerIp: Rate;
  // Joins to one site from anywhere: a flood spread over many addresses meets a ceiling far above real traffic.
  joinsPerSite: Rate;
  // A visitor's page views and identify() calls while connected (a single-page app's navigation).
  visitorEventsPerConversation: Rate;
  // "Email me this transcript": each sends an email, so a few per conversation, and per address.
  transcriptsPerConversation: Rate;
  transcriptsPerIp: Rate;
  // A chat's rating: the score, the comment, perhaps a change of mind. Each change posts a webhook.
  ratingsPerConversation: Rate;
  // Behaviour reports over HTTP (batched by the widget every few seconds and on leaving a page), per visitor and
  // per address.
  activityPerVisitor: Rate;
  activityPerIp: Rate;
  loginsPerIp: Rate;
  // Per account, whatever the address: a guess spread over many addresses is slowed too.
  loginsPerEmail: Rate;
  connectionsPerIp: number;
  // Requests made with one API key, whatever the address: an integration's loop cannot starve the console.
  apiRequestsPerKey: Rate;
  // A teaser's shown / opened / dismissed reports (the funnel's F24), per address: all one address can add to the
  // counts. A visitor sees a few teasers a day (each trigger has its own cap); an office behind one address
  // reporting more in an hour loses the excess, which the funnel prefers to a script inflating them.
  engageEventsPerIp: Rate;
}

export const defaultLimits: Limits = {
  messagesPerVisitor: { limit: 10, windowMs: 10_000 },
  messagesPerIp: { limit: 60, windowMs: 10_000 },
  messagesPerSite: { limit: 1_000, windowMs: 10_000 },
  messagesPerRep: { limit: 30, windowMs: 10_000 },
  // Well above a console at its message limit (each line with its typing and read marks), far below a script's loop.
  repEvents: { limit: 200, windowMs: 10_000 },
  repFanOutEvents: { limit: 10, windowMs: 10_000 },
  joinsPerIp: { limit: 30, windowMs: 10_000 },
  joinsPerSite: { limit: 600, windowMs: 10_000 },
  visitorEventsPerConversation: { limit: 20, windowMs: 10_000 },
  transcriptsPerConversation: { limit: 3, windowMs: 3_600_000 },
  transcriptsPerIp: { limit: 10, windowMs: 3_600_000 },
  ratingsPerConversation: { limit: 5, windowMs: 600_000 },
  activityPerVisitor: { limit: 30, windowMs: 60_000 },
  activityPerIp: { limit: 120, windowMs: 60_000 },
  loginsPerIp: { limit: 10, windowMs: 60_000 },
  loginsPerEmail: { limit: 10, windowMs: 300_000 },
  connectionsPerIp: 50,
  apiRequestsPerKey: { limit: 600, windowMs: 60_000 },
  engageEventsPerIp: { limit: 60, windowMs: 3_600_000 },
};

export function tooFast(retryAfterMs: number): string {
  return `You're sending messages too fast; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
}
