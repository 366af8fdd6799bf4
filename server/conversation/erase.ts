// Erasing a visitor's data on their request: their open conversation is ended first (so the rep's console and
// the visitor's widget are told), then everything stored about them on the site is deleted.
import type { RepUser } from "../../shared/protocol/index.ts";
import type { Logger } from "../log.ts";
import type { ConversationsStore, PrivacyStore } from "../store/types.ts";
import type { ConversationService } from "./service.ts";

export interface EraseDeps {
  store: ConversationsStore & PrivacyStore;
  service: ConversationService;
  // Other waiting visitors hear their new place when an erased lead leaves the queue.
  queueChanged(siteKey: string): Promise<void>;
  log: Logger;
}

export async function eraseVisitor(
  { store, service, queueChanged, log }: EraseDeps,
  siteKey: string,
  visitorId: string,
  by: RepUser,
): Promise<string[]> {
  // Only the newest conversation can be open: a visitor gets a new one only once the previous one closed.
  const latestId = await store.findVisitorConversation(siteKey, visitorId);
  const latest = latestId ? await store.getConversation(latestId) : null;
  if (latest && latest.status !== "closed") await service.close(latest.id, { owner: by });
  const erased = await store.eraseVisitor(siteKey, visitorId);
  if (latest?.status === "queued") await queueChanged(siteKey);
  // Ids only: the log must not keep what the erasure removed.
  log.info("visitor data erased", { siteKey, conversations: erased.join(" "), by: by.id });
  return erased;
}
