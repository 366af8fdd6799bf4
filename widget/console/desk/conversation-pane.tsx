// The open conversation, the desk's middle pane: what was said, and the rep's reply box always in view below it.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Outcome, RepPresence } from "../../../shared/protocol/index.ts";
import { contiguousSeq } from "../../ui/messages.ts";
import { type DisplayMessage, pendingMessage, Transcript, toDisplay } from "../../ui/transcript.tsx";
import { leadName, outcomeLabel } from "../lead/labels.ts";
import { CloseDialog } from "./close-dialog.tsx";
import type { Chat } from "./console-state.ts";
import { ReplyBox } from "./reply-box.tsx";
import { useShortcuts } from "./shortcuts.ts";
import { TransferDialog } from "./transfer-dialog.tsx";
import { useAttention } from "./use-attention.ts";

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
  // Shown to the rep: on a phone the pane is hidden behind the list or the lead panel, and read is only what was seen.
  visible: boolean;
  onSend(text: string): void;
  onRetry(clientId: string, text: string): void;
  onClose(outcome: Outcome): Promise<unknown>;
  team: RepPresence[];
  myId: string | undefined;
  onLoadTeam(): void;
  onTransfer(to: RepPresence): Promise<string | undefined>;
  onTyping(conversationId: string, typing: boolean): void;
  onSeen(conversationId: string, seq: number): void;
  // On a phone, where the desk shows one pane at a time: back to the list, and the lead panel.
  onBack(): void;
  onShowLead(): void;
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
  const paneRef = useRef<HTMLElement>(null);
  const attentive = useAttention();
  const shown = contiguousSeq(chat.messages);

  // Opening a conversation (or accepting, which removes the focused Accept button) moves focus here.
  useEffect(() => headingRef.current?.focus(), [id]);

  // Read means on screen while the rep can see the page; the mark only ever moves forward.
  useEffect(() => {
    if (attentive && props.visible && shown > chat.readSeq) props.onSeen(id, shown);
  }, [attentive, props.visible, shown, chat.readSeq, id]);

  // Another conversation opened while a dialog was up: the dialog belonged to the old one. A layout effect, so it runs
  // before the next key: as a plain effect it could come after a "c" pressed right after "j" and shut that dialog.
  useLayoutEffect(() => setDialog(undefined), [id]);

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

  useShortcuts({
    c: () => !closed && setDialog("close"),
    r: () => paneRef.current?.querySelector<HTMLTextAreaElement>(".desk-reply textarea")?.focus(),
  });

  return (
    <section ref={paneRef} class="desk-pane desk-chat" aria-labelledby="pane-heading">
      <div class="desk-pane-head">
        <button type="button" class="console-button-quiet desk-phone" onClick={props.onBack}>
          Back<span class="banter-sr"> to conversations</span>
        </button>
        <div class="desk-chat-title">
          <h2 id="pane-heading" ref={headingRef} tabIndex={-1}>
            <span class="banter-sr">Conversation with </span>
            {leadName(chat.lead)}
          </h2>
          <p class="console-pane-status" role="status" data-status={chat.status}>
            {statusText[chat.status]}
            {closed && outcome && ` Outcome: ${outcomeLabel[outcome] ?? outcome}.`}
            {!props.online && !closed && " Offline: replies are sent when the connection is back."}
          </p>
        </div>
        <div class="console-pane-actions">
          <button type="button" class="console-button-quiet desk-phone" onClick={props.onShowLead}>
            Lead details
          </button>
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
      <Transcript messages={messages} label="Conversation" viewer="rep" />
      <ReplyBox
        conversationId={id}
        closed={closed}
        visitorTyping={chat.visitorTyping}
        failed={failed}
        onSend={props.onSend}
        onRetry={props.onRetry}
        onTyping={props.onTyping}
        onLeave={() => headingRef.current?.focus()}
      />
    </section>
  );
}
