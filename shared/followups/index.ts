export { readCallbackTime } from "./callback-time.ts";
export {
  type Digest,
  type DigestConversation,
  type DigestItem,
  type DigestSite,
  type DigestSiteInput,
  dailyDigest,
  digestDayOf,
} from "./digest.ts";
export {
  type DueGroup,
  defaultFollowUpSettings,
  dueGroupOf,
  dueTimeOf,
  type FollowUpChanges,
  type FollowUpSettings,
  type FollowUpSubject,
  followUpIdOf,
  followUpsOf,
  type Opening,
} from "./open.ts";
export { nextTarget, pastTarget, withTarget } from "./target.ts";
export { addDays, instantOf, validZone, wallClock } from "./zoned.ts";
