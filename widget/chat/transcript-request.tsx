// "Email me this transcript" under an ended chat: sent to the email the visitor gave in it, or, when they gave
// none, to one they type here. The note says what happened, and never claims a sending that did not happen.
import { useState } from "preact/hooks";
import type { BanterError } from "../../shared/protocol/index.ts";
import type { Conversation } from "./conversation.ts";

export function TranscriptRequest(props: { conversation: Conversation }) {
  const [ask, setAsk] = useState(false);
  const [note, setNote] = useState("");
  const send = async (email?: string) => {
    try {
      const r = await props.conversation.emailTranscript(email);
      setAsk(false);
      setNote(r.queued ? `We'll email it to ${r.to}.` : "Email isn't set up here, so nothing was sent.");
    } catch (err) {
      // The chat knows no email: ask for one.
      if ((err as BanterError).code === "BAD_REQUEST" && !email) setAsk(true);
      else setNote((err as Error).message);
    }
  };
  return (
    <div class="banter-chat-mail">
      {ask ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send(String(new FormData(e.currentTarget).get("email")).trim());
          }}
        >
          <label>
            Your email <input name="email" type="email" required maxLength={254} />
          </label>
          <button type="submit" class="banter-button">
            Send transcript
          </button>
        </form>
      ) : (
        !note && (
          <button type="button" class="banter-button" onClick={() => void send()}>
            Email me this transcript
          </button>
        )
      )}
      <p role="status">{note}</p>
    </div>
  );
}
