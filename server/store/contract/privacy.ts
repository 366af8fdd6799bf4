// A data subject's conversations, for export and erasure.

export interface PrivacyStore {
  // Every conversation a visitor had on a site, and every conversation that ever knew an email (captured by the
  // bot or given by the host page's identify), while it is kept. The email index is written in the same atomic
  // step as the conversation and expires with it. A conversation whose email changed (an identify replaced by
  // another) is listed under the new email and still under the old one, until it is erased or expires: the old
  // email's owner can still find and erase it.
  listVisitorConversations(siteKey: string, visitorId: string): Promise<string[]>;
  listEmailConversations(email: string): Promise<string[]>;
  // Erases everything kept about a visitor on a site (on their request): every conversation they had, with its
  // messages, notes and index entries (the email index of every email each conversation ever had, not only its
  // current ones), the visitor's pointers, and the webhook deliveries and emails about them. Open conversations must be ended
  // first. Returns the ids of the conversations erased.
  eraseVisitor(siteKey: string, visitorId: string): Promise<string[]>;
}
