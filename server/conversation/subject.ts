// A data subject's conversations on every site, found by email (the bot's contact capture or the host page's
// identify) or by visitor id: listed, exported in full, or erased on their request.
import type {
  DataSubject,
  RepUser,
  SubjectConversation,
  SubjectExport,
  SubjectFound,
} from "../../shared/protocol/index.ts";
import { subjectEmails } from "../store/subject.ts";
import type {
  Conversation,
  ConversationsStore,
  MessagesStore,
  PrivacyStore,
  Site,
  SitesStore,
} from "../store/types.ts";
import { type EraseDeps, eraseVisitor } from "./erase.ts";
import { leadCard } from "./lead-card.ts";
import { readTranscript } from "./transcript.ts";

// What finding a subject reads; an export reads their messages and notes too, and an erasure writes.
type SubjectStore = SitesStore & ConversationsStore & PrivacyStore;

// By email: every conversation that knew the email, and every other conversation of the same visitors (their
// browsers) on every site, which are theirs too even where they gave no email. By visitor id: that visitor's
// conversations on every site.
async function conversationsOf(
  store: SubjectStore,
  subject: DataSubject,
): Promise<{ c: Conversation; site: Site | null }[]> {
  const sites = await store.listSites();
  const load = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => store.getConversation(id)))).filter((c): c is Conversation => c !== null);
  const ofVisitor = async (visitorId: string) =>
    (await Promise.all(sites.map((s) => store.listVisitorConversations(s.key, visitorId)))).flat();
  const visitorIds =
    "email" in subject
      ? [...new Set((await load(await store.listEmailConversations(subject.email))).map((c) => c.visitorId))]
      : [subject.visitorId];
  const ids = [...new Set((await Promise.all(visitorIds.map(ofVisitor))).flat())];
  return (await load(ids))
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
    .map((c) => ({ c, site: sites.find((s) => s.key === c.siteKey) ?? null }));
}

export async function findSubject(store: SubjectStore, subject: DataSubject): Promise<SubjectFound> {
  const conversations = (await conversationsOf(store, subject)).map(({ c, site }): SubjectConversation => {
    const row: SubjectConversation = {
      conversationId: c.id,
      siteKey: c.siteKey,
      siteName: site?.name ?? c.siteKey,
      visitorId: c.visitorId,
      status: c.status,
      createdAt: c.createdAt,
    };
    const email = subjectEmails(c)[0];
    if (email) row.email = email;
    return row;
  });
  return { conversations };
}

export async function exportSubject(
  store: SubjectStore & MessagesStore,
  subject: DataSubject,
  now: number,
): Promise<SubjectExport> {
  const conversations = await Promise.all(
    (await conversationsOf(store, subject)).map(async ({ c, site }) => ({
      visitorId: c.visitorId,
      lead: leadCard(c, site, now),
      messages: await readTranscript(store, c.id),
      notes: await store.listNotes(c.id),
      ...(c.behaviour ? { behaviour: c.behaviour } : {}),
    })),
  );
  return { subject, exportedAt: now, conversations };
}

// Erases every visitor the subject's conversations belong to, on each site, with all their conversations. Open
// conversations are ended first (eraseVisitor), so the rep and the visitor are told. A conversation that learns
// the email meanwhile is found by the next round.
export async function eraseSubject(
  deps: EraseDeps & { store: SubjectStore },
  subject: DataSubject,
  by: RepUser,
): Promise<string[]> {
  const erased = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const found = await conversationsOf(deps.store, subject);
    if (found.length === 0) break;
    const visitors = new Map(found.map(({ c }) => [`${c.siteKey}\n${c.visitorId}`, c]));
    for (const c of visitors.values()) {
      for (const id of await eraseVisitor(deps, c.siteKey, c.visitorId, by)) erased.add(id);
    }
  }
  return [...erased].sort();
}
