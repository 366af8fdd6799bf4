// H3: a conversation the visitor has opened but not yet written in is a draft, kept on their socket: its greeting
// and first question are shown, and nothing is stored, listed or counted until the visitor says something; then
// begin() stores it with the greeting they saw.
import { type Effect, type Playbook, start } from "../../shared/engine/index.ts";
import { mergeIdentity } from "../../shared/leads/identity.ts";
import { hasEnded } from "../../shared/lifecycle/index.ts";
import type { Behaviour } from "../../shared/protocol/behaviour.ts";
import type { ConversationView, LeadSource, Message, VisitorIdentity } from "../../shared/protocol/index.ts";
import { siteTrigger } from "../sites/triggers.ts";
import type { Conversation, ConversationsStore, Site } from "../store/types.ts";
import { scoredWith } from "./activity.ts";
import type { BotTurns } from "./bot-turns.ts";
import { conversationView } from "./lead-card.ts";
import { notOnOffer, quickReplyLabel } from "./quick-replies.ts";

export const maxPageTrail = 20;

// H3: a conversation the visitor has opened but not yet written in. Kept on their socket, never stored: what a
// stored conversation starts from, and small (an idle visitor costs memory on every connected socket).
export interface Draft {
  id: string;
  siteKey: string;
  visitorId: string;
  playbookId: string;
  playbookVersion: number;
  // When the visitor opened it: the conversation's start, and when its greeting was said.
  at: number;
  pageUrl?: string;
  pageTrail?: string[];
  timeZone?: string;
  source?: LeadSource;
  identity?: VisitorIdentity;
  // The proactive message it was opened from (only one the site has), and the question it starts at (engine E1b).
  trigger?: string;
  startAt?: string;
  // What the visitor did on the site before this chat (JoinRequest.behaviour), merged at the join.
  behaviour?: Behaviour;
}

// A page the visitor opened before writing: on the draft's trail, as trackPage keeps a stored conversation's.
export function draftPage(draft: Draft, pageUrl: string): Draft {
  const trail = draft.pageTrail ?? [];
  return trail.at(-1) === pageUrl ? draft : { ...draft, pageTrail: [...trail, pageUrl].slice(-maxPageTrail) };
}

// Who the host page says the visitor is, kept with the draft by the same rule as identify() keeps it.
export function draftIdentified(draft: Draft, claim: VisitorIdentity): Draft {
  const identity = mergeIdentity(draft.identity, claim);
  return identity ? { ...draft, identity } : draft;
}

// A drafted conversation just stored, and the seq of its last message (its greeting) when this call stored it.
export interface Begun {
  conversation: Conversation;
  lastSeq?: number;
}

export interface DraftsDeps {
  store: ConversationsStore;
  bot: Pick<BotTurns, "lines" | "say">;
  playbookOf: (id: string, version: number) => Promise<Playbook>;
  // The id a visitor's drafted conversation gets (auth/tokens.ts draftConversationId): the same in every tab.
  draftIdOf: (siteKey: string, visitorId: string, after?: string) => string;
}

// Where the visitor opened the chat and came from: kept with a new conversation only.
export interface Opening {
  pageUrl?: string | undefined;
  timeZone?: string | undefined;
  pagesBefore?: string[] | undefined;
  source?: LeadSource | undefined;
  trigger?: { id: string; startAt?: string } | undefined;
  behaviour?: Behaviour | undefined;
}

export function draftsOf({ store, bot, playbookOf, draftIdOf }: DraftsDeps) {
  // A draft as the conversation it becomes: the engine started on the draft's playbook version, and the lines it
  // says (greeting, first question), kept as botSaid so a crash before they are stored says them at the next join.
  async function fromDraft(
    draft: Draft,
  ): Promise<{ conversation: Conversation; greeting: Effect[]; playbook: Playbook }> {
    const playbook = await playbookOf(draft.playbookId, draft.playbookVersion);
    // E1b: an entry point the pinned playbook does not have is the usual start.
    const t = start(playbook, draft.startAt);
    const greeting = t.effects.filter((e) => e.type === "say");
    const { playbookId: _id, playbookVersion: _version, at, startAt: _startAt, behaviour, ...rest } = draft;
    const conversation: Conversation = {
      ...rest,
      status: "bot",
      engine: t.state,
      createdAt: at,
      updatedAt: at,
      rev: 0,
      botSaid: { cause: "start", effects: greeting },
    };
    // Scored with what the visitor did before the chat from the start (S7).
    return {
      conversation: behaviour ? scoredWith(conversation, playbook, behaviour) : conversation,
      greeting,
      playbook,
    };
  }

  // A new draft for the visitor on this site, opened at `at`; `after`: their latest conversation, so the next one
  // gets a new id.
  function fresh(site: Site, visitorId: string, after: string | undefined, page: Opening, at: number): Draft {
    const draft: Draft = {
      id: draftIdOf(site.key, visitorId, after),
      siteKey: site.key,
      visitorId,
      playbookId: site.playbookId,
      playbookVersion: site.playbookVersion,
      at,
    };
    const pages = [...(page.pagesBefore ?? []), ...(page.pageUrl ? [page.pageUrl] : [])];
    const trail = pages.filter((p, i, all) => p !== all[i - 1]);
    if (page.pageUrl) draft.pageUrl = page.pageUrl;
    if (trail.length > 0) draft.pageTrail = trail.slice(-maxPageTrail);
    if (page.timeZone) draft.timeZone = page.timeZone;
    if (page.source && Object.keys(page.source).length > 0) draft.source = page.source;
    // Counted for a trigger only while the site has it (F25); its question is the engine's to check (E1b).
    if (page.trigger && siteTrigger(site, page.trigger.id)) draft.trigger = page.trigger.id;
    if (page.trigger?.startAt) draft.startAt = page.trigger.startAt;
    if (page.behaviour) draft.behaviour = page.behaviour;
    return draft;
  }

  // What a draft shows: the conversation as it would be stored (`closed`: as it is once the visitor closed the
  // chat unused), and its greeting and first question as the messages begin() will store (same ids and seqs).
  async function drafted(draft: Draft, closed = false): Promise<{ view: ConversationView; messages: Message[] }> {
    const { conversation, greeting } = await fromDraft(draft);
    const messages = bot.lines(draft.id, "start", greeting, draft.at).map((m, i) => ({ ...m, seq: i + 1 }));
    const view = conversationView(closed ? { ...conversation, status: "closed" } : conversation, messages.length);
    return { view, messages };
  }

  // The visitor's first message stores their drafted conversation with its greeting, then is taken as any other.
  // Two tabs of one visitor draft the same id: whichever stores first, both write into it. Returns the conversation as stored and, when this call stored it, the seq its greeting ends at (so the first
  // message need not read them again). A draft that another tab stored first is taken as it is now; one that
  // was closed since, or whose visitor has another conversation open, has ended for this tab (CLOSED), and
  // nothing is written.
  async function begin(draft: Draft, req: { choice?: string }): Promise<Begun> {
    const { conversation, greeting, playbook } = await fromDraft(draft);
    // A quick reply the draft does not offer starts nothing.
    if (req.choice !== undefined && !quickReplyLabel(playbook, req.choice)) throw notOnOffer();
    const c = await store.createConversation(conversation);
    if (c.id !== draft.id || c.status === "closed") throw hasEnded();
    if (c.rev !== 1 || c.createdAt !== conversation.createdAt) return { conversation: c };
    // Published like every stored message (each is counted where it is published); the visitor's tabs, which
    // showed them from the draft, have them by seq already.
    const said = await bot.say(c.id, "start", greeting, draft.at);
    return { conversation: c, lastSeq: said.at(-1)?.message.seq ?? 0 };
  }

  // Whether a drafted conversation is stored now (another tab wrote first): its socket then follows the stored one.
  const stored = async (draft: Draft): Promise<boolean> => (await store.getConversation(draft.id)) !== null;

  return { fresh, fromDraft, drafted, begin, stored };
}
