// The open conversation: who the lead is, what was said, and the rep's reply box.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Outcome, RepPresence } from "../../../shared/protocol/index.ts";
import { contiguousSeq } from "../../ui/messages.ts";
import { type DisplayMessage, pendingMessage, Transcript, toDisplay } from "../../ui/transcript.tsx";
import { LeadCardView } from "../lead/card.tsx";
import { leadName, outcomeLabel } from "../lead/labels.ts";
import { CloseDialog } from "./close-dialog.tsx";
import type { Chat } from "./console-state.ts";
import { SavedReplyComposer } from "./saved-replies.tsx";
import { TransferDialog } from "./transfer-dialog.tsx";
import { useAttention } from "./use-attention.ts";
import { useTypingSignal } from "./use-typing-signal.ts";

const statusText = {
  bot: "The visitor is still talking to the bot.",
  queued: "Waiting for a rep.",
  live: "Live: the visitor sees your replies.",
  closed: "This conversation is closed.",
} as const;

function displayed(chat: Chat): DisplayMessage[] {
  const pending = chat.pending.map((p) => ({ ...pendingMessage(p.clientId, "rep", p.text), failed: p.failed }));
  return [...chat.messages.map(toDisplay), ...pending];
}

export function ConversationPane(props: {
  chat: Chat;
  now: number;
  online: boolean;
  onSend(text: string): void;
  onRetry(clientId: string, text: string): void;
  onClose(outcome: Outcome): Promise<unknown>;
  team: RepPresence[];
  myId: string | undefined;
  onLoadTeam(): void;
  onTransfer(to: RepPresence): Promise<string | undefined>;
  onTyping(conversationId: string, typing: boolean): void;
  onSeen(conversationId: string, seq: number): void;
}) {
  const { chat } = props;
  const id = chat.lead.conversationId;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const transferRef = useRef<HTMLButtonElement>(null);
  const [dialog, setDialog] = useState<"close" | "transfer" | undefined>(undefined);
  const messages = useMemo(() => displayed(chat), [chat.messages, chat.pending]);
  const closed = chat.status === "closed";
  const failed = chat.pending.filter((p) => p.failed);
  const typing = useTypingSignal(id, props.onTyping);
  const attentive = useAttention();
  const shown = contiguousSeq(chat.messages);

  // Opening a conversation (or accepting, which removes the focused Accept button) moves focus here.
  useEffect(() => headingRef.current?.focus(), [id]);

  // Read means on screen while the rep can see the page; the mark only ever moves forward.
  useEffect(() => {
    if (attentive && shown > chat.readSeq) props.onSeen(id, shown);
  }, [attentive, shown, chat.readSeq, id]);

  const send = (text: string) => {
    typing.stop();
    props.onSend(text);
  };

  // The textarea's input events bubble here, which also tells whether the box was emptied (typing stops).
  const onInput = (e: Event) => {
    const box = e.target;
    if (!closed && box instanceof HTMLTextAreaElement) typing.input(box.value.trim() === "");
  };

  // Another conversation opened while a dialog was up: the dialog belonged to the old one.
  useEffect(() => setDialog(undefined), [id]);

  // The visitor left while a dialog was up: nothing left to transfer or close. The Transfer button is gone with
  // it, so focus goes to the heading; the Close button stays and gets focus back from its dialog.
  const live = chat.status === "live";
  useEffect(() => {
    if (dialog === "transfer" && !live) {
      setDialog(undefined);
      headingRef.current?.focus();
    } else if (dialog === "close" && closed) {
      setDialog(undefined);
    }
  }, [live, closed, dialog]);

  const outcome = chat.lead.outcome;

  return (
    <section class="console-pane" aria-labelledby="pane-heading">
      <div class="console-section-head">
        <h2 id="pane-heading" ref={headingRef} tabIndex={-1}>
          Conversation with {leadName(chat.lead)}
        </h2>
        <div class="console-pane-actions">
          {live && (
            <button
              ref={transferRef}
              type="button"
              class="console-button-quiet"
              aria-haspopup="dialog"
              onClick={() => setDialog("transfer")}
            >
              Transfer
            </button>
          )}
          {/* aria-disabled rather than disabled once closed: focus comes back here from the dialog. */}
          <button
            ref={closeRef}
            type="button"
            class="console-button-quiet"
            aria-haspopup="dialog"
            aria-disabled={closed ? "true" : undefined}
            onClick={() => !closed && setDialog("close")}
          >
            Close conversation
          </button>
        </div>
      </div>
      {dialog === "close" && (
        <CloseDialog returnFocus={closeRef} onConfirm={(o) => props.onClose(o)} onDone={() => setDialog(undefined)} />
      )}
      {dialog === "transfer" && (
        <TransferDialog
          team={props.team}
          myId={props.myId}
          onOpen={props.onLoadTeam}
          onTransfer={props.onTransfer}
          onDone={() => setDialog(undefined)}
          returnFocus={transferRef}
        />
      )}
      <p class="console-pane-status" role="status" data-status={chat.status}>
        {statusText[chat.status]}
        {closed && outcome && ` Outcome: ${outcomeLabel[outcome] ?? outcome}.`}
        {!props.online && !closed && " Offline: replies are sent when the connection is back."}
      </p>
      <details class="console-pane-lead" open>
        <summary>Lead card</summary>
        <LeadCardView lead={chat.lead} now={props.now} heading={false} />
      </details>
      <div class="console-pane-chat">
        <Transcript messages={messages} label="Conversation" viewer="rep" />
        {failed.length > 0 && !closed && (
          <p class="console-retry">
            <button
              type="button"
              class="console-button-quiet"
              onClick={() => {
                for (const p of failed) props.onRetry(p.clientId, p.text);
              }}
            >
              {failed.length === 1 ? "Retry unsent message" : `Retry ${failed.length} unsent messages`}
            </button>
          </p>
        )}
        <p class="console-typing" role="status">
          {chat.visitorTyping && !closed ? "Visitor is typing…" : ""}
        </p>
        {/* Not disabled while offline: that would steal focus mid-sentence, and unsent messages go out on reconnect. */}
        <div class="console-composer" onInput={onInput}>
          <SavedReplyComposer onSend={send} disabled={closed} />
        </div>
      </div>
    </section>
  );
}
