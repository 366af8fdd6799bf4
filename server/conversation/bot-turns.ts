// The bot's turns: the engine's step on a visitor's message, written with the bot's lines in one step, and the
// callback a bot takes after a missed handoff. How a turn moves the conversation on is the lifecycle's (L1, L11).
import { type Effect, type Input, type Playbook, ringing, type StepContext, step } from "../../shared/engine/index.ts";
import { extractPhone } from "../../shared/engine/understand/index.ts";
import { botFinished, callbackLeft } from "../../shared/lifecycle/index.ts";
import type { Message } from "../../shared/protocol/index.ts";
import { counted, type Deferred } from "../limits/guard.ts";
import type { AppendResult, Conversation, MessageDraft, MessagesStore } from "../store/types.ts";
import type { HandoffEvents, Publisher } from "./events.ts";
import type { Notices } from "./notices.ts";
import type { TurnCache } from "./turn-cache.ts";
import type { ConversationWriter } from "./writer.ts";

export interface BotTurnDeps {
  store: MessagesStore;
  writer: ConversationWriter;
  notices: Notices;
  publish: Publisher;
  events: HandoffEvents;
  now: () => number;
  // What a handoff of the site's lead would meet now (routing/availability.ts): read only for a turn whose words
  // depend on it.
  handoffNow: (siteKey: string) => Promise<StepContext>;
  // Where a turn written at once leaves its conversation for the visitor's next line.
  cache?: TurnCache;
}

const qualifiedStages = new Set(["mql", "sql"]);

// No number left for a callback: nothing is promised that will not happen (Banter sends no email; the team has
// the lead, with the email the visitor gave, if any).
function noCall(email: string | undefined): string {
  return email
    ? `No problem, we won't call. The team has your answers and your email, ${email}.`
    : "No problem, we won't call. You can start a new chat any time.";
}

function emailOf(c: Conversation): string | undefined {
  const slot = Object.values(c.engine.slots).find((a) => a.value.kind === "email")?.value;
  return slot?.kind === "email" ? slot.email : c.identity?.email;
}

// H1, A4: a turn whose words depend on whether a person can take the chat now: a handoff, or a question the bot
// cannot answer (a person is offered only when one is online). Every other turn is stepped without asking.
function dependsOnReps(effects: Effect[]): boolean {
  return effects.some(
    (e) => (e.type === "finished" && e.outcome === "handoff") || (e.type === "asked" && e.answerId === null),
  );
}

export function botTurns({ store, writer, notices, publish, events, now, handoffNow, cache }: BotTurnDeps) {
  // Bot messages get ids derived from their cause, so a retried turn cannot say the same thing twice.
  // `at`: when they were said (now, unless a draft showed them earlier).
  function lines(conversationId: string, cause: string, effects: Effect[], at = now()): MessageDraft[] {
    const drafts: MessageDraft[] = [];
    for (const e of effects) {
      if (e.type !== "say") continue;
      const draft: MessageDraft = {
        conversationId,
        clientId: `bot:${cause}:${drafts.length}`,
        author: "bot",
        text: e.text,
        at,
      };
      if (e.options) draft.options = e.options;
      if (e.link) draft.link = e.link;
      drafts.push(draft);
    }
    return drafts;
  }

  // Stored lines are published in order, in one broadcast; a line stored before (a retried step) was published
  // then. `first`: what the turn stored before them (the visitor's line; a first turn's greeting before it).
  function published(said: AppendResult[], first: Message[] = []): void {
    const lines = [...first, ...said.filter((s) => !s.duplicate).map((s) => s.message)];
    if (lines.length > 0) publish.messages(lines);
  }

  // A turn's lines stored in one step, then published in order.
  async function say(conversationId: string, cause: string, effects: Effect[], at?: number): Promise<AppendResult[]> {
    const drafts = lines(conversationId, cause, effects, at);
    const said = drafts.length > 0 ? await store.appendMessages(drafts) : [];
    published(said);
    return said;
  }

  // The bot's answer to the visitor message `cause`, as a change of `fresh` (null: the bot does not answer: it no
  // longer owns the conversation, or has answered this message already), with the lines it says.
  // `reps`: what a handoff would meet now; null (taken as `ringing`) until a turn turns out to depend on it
  // (dependsOnReps). The engine also reads the visitor's behaviour, for the behaviour rules of the score.
  function botStep(fresh: Conversation, playbook: Playbook, input: Input, cause: number, reps: StepContext | null) {
    if (fresh.status !== "bot" || fresh.engine.outcome !== null || (fresh.answeredSeq ?? 0) >= cause) return null;
    const ctx: StepContext = { ...(reps ?? ringing), ...(fresh.behaviour ? { behaviour: fresh.behaviour } : {}) };
    const t = step(playbook, fresh.engine, input, now(), ctx);
    const said = t.effects.filter((e) => e.type === "say");
    const next: Conversation = {
      ...fresh,
      engine: t.state,
      answeredSeq: cause,
      botSaid: { cause: String(cause), effects: said },
    };
    // The first turn that classifies the lead as an MQL or SQL marks it, once (the lead.qualified webhook).
    if (!fresh.qualifiedAt && qualifiedStages.has(t.state.qualification.stage)) next.qualifiedAt = now();
    const finished = t.effects.find((e) => e.type === "finished");
    return {
      next: botFinished(next, finished?.outcome, now(), finished?.route, ctx.fallback.kind),
      lines: lines(fresh.id, String(cause), t.effects),
      // A request for a person kept until the questions are done (E8) also promises one only if one is free.
      asksReps:
        reps === null &&
        (dependsOnReps(t.effects) || (t.state.humanRequested === true && !fresh.engine.humanRequested)),
    };
  }

  // What follows a bot turn's write: its lines go out, and a new status is announced.
  async function turned(
    before: Conversation,
    after: Conversation,
    said: AppendResult[],
    first: Message[] = [],
  ): Promise<void> {
    events.turned?.(after);
    published(said, first);
    // The view changes with the status, and when the bot finishes (its qualification joins the view) whatever the
    // status: a lead nobody could take stays with the bot for a callback (L1).
    if (after.status === before.status && after.engine.outcome === before.engine.outcome) return;
    await notices.show(after);
    if (after.status === "queued") events.queued(after);
  }

  return {
    say,
    lines,

    // One bot turn for the visitor message `cause`, applied once even when several processes or resends race: the
    // turn runs only while the bot still owns the conversation and has not answered this message (answeredSeq).
    async turn(id: string, playbook: Playbook, input: Input, cause: number): Promise<void> {
      let ctx: StepContext | null = null;
      for (;;) {
        let said: MessageDraft[] = [];
        let asksReps = false;
        const result = await writer.update(
          id,
          (fresh) => {
            const answer = botStep(fresh, playbook, input, cause, ctx);
            // Nothing written yet: asked what a handoff would meet now, and stepped again with the answer.
            asksReps = answer?.asksReps ?? false;
            said = answer?.lines ?? [];
            return asksReps ? null : (answer?.next ?? null);
          },
          { saying: () => said },
        );
        if (asksReps) {
          ctx = await handoffNow(result.before.siteKey);
          continue;
        }
        if (result.wrote) await turned(result.before, result.after, result.said);
        return;
      }
    },

    // The usual turn in one write: the visitor's line (as message `seq`), the bot's new state and its lines, stored
    // together if nothing changed since `c` and `seq` were read, and published together in one broadcast. Null
    // when something did (another tab's message, a resend, another writer), undefined when the bot does not answer
    // `c` (a rep's chat): either way nothing is written and the caller takes the long way, one step at a time.
    // `limits`: the visitor's rate limits, counted in the same write (one round trip), whose refusal is thrown;
    // they are counted when the answer is null, and not when it is undefined. The conversation as written is kept
    // for the visitor's next line (turn-cache.ts).
    async turnAtOnce(
      c: Conversation,
      playbook: Playbook,
      input: Input,
      mine: MessageDraft,
      seq: number,
      limits: Deferred = counted,
    ): Promise<Message | null | undefined> {
      let answer = botStep(c, playbook, input, seq, null);
      if (answer?.asksReps) answer = botStep(c, playbook, input, seq, await handoffNow(c.siteKey));
      if (!answer) return undefined;
      const stored = await writer.once(c, answer.next, [mine, ...answer.lines], seq, limits.hits);
      if (!stored) return null;
      if (!("conversation" in stored)) throw limits.refused(stored.retryAfterMs);
      const [visitorLine, ...said] = stored.said as [AppendResult, ...AppendResult[]];
      cache?.put({ conversation: stored.conversation, lastSeq: Math.max(...stored.said.map((s) => s.message.seq)) });
      await turned(c, stored.conversation, said, [visitorLine.message]);
      return visitorLine.message;
    },

    // turnAtOnce for the visitor's first line in a drafted conversation (H3): `start`, the conversation as it
    // would be stored alone, is stored already answered, with the `greeting` the draft showed (said at `at`), the
    // visitor's line and the bot's lines, in one write that also counts `limits` (writer.first), and all of them
    // go out in one broadcast. The visitor's line as stored; null when the draft was stored already (another tab)
    // or the visitor has another open conversation: nothing is written but the count, and the caller takes the
    // long way; undefined when the bot does not answer (nothing is counted).
    async firstTurn(
      start: Conversation,
      playbook: Playbook,
      greeting: Effect[],
      at: number,
      input: Input,
      mine: MessageDraft,
      limits: Deferred,
    ): Promise<Message | null | undefined> {
      const opening = lines(start.id, "start", greeting, at);
      const seq = opening.length + 1;
      let answer = botStep(start, playbook, input, seq, null);
      if (answer?.asksReps) answer = botStep(start, playbook, input, seq, await handoffNow(start.siteKey));
      if (!answer) return undefined;
      const stored = await writer.first(start, answer.next, [...opening, mine, ...answer.lines], limits.hits);
      if (stored === "exists") return null;
      if (!("conversation" in stored)) throw limits.refused(stored.retryAfterMs);
      const first = stored.said.slice(0, seq).map((s) => s.message);
      cache?.put({ conversation: stored.conversation, lastSeq: stored.said.length });
      await turned(start, stored.conversation, stored.said.slice(seq), first);
      return first[seq - 1] as Message;
    },

    // After a missed handoff with the callback fallback: the visitor's next messages leave a phone number and a
    // time to call (L11). The reply follows the copy the write was decided on.
    async takeCallback(c: Conversation, text: string, cause: number): Promise<void> {
      const phone = extractPhone(text)?.value.phone;
      const when = text
        .replace(/(?:\+\s*)?\(?\d[\d\s().-]{5,}\d/g, " ")
        .replace(/\s+/g, " ")
        .replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, "")
        .slice(0, 200);
      const { wrote, after } = await writer.update(c.id, (fresh) => callbackLeft(fresh, phone, when));
      if (!wrote) return;
      const reply =
        after.status !== "closed"
          ? "What number should we call you on?"
          : phone
            ? `Thanks! A rep will call you at ${phone}${when ? ` (${when})` : ""}.`
            : noCall(emailOf(after));
      await notices.append({ conversationId: c.id, clientId: `bot:${cause}:0`, author: "bot", text: reply, at: now() });
      if (after.status === "closed") await notices.show(after);
    },
  };
}

export type BotTurns = ReturnType<typeof botTurns>;
