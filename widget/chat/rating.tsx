// "How was your chat with Ana?" under a chat with a rep that ended (lifecycle L13): one click on five faces (sent at
// once, so a visitor who leaves then still counts), then an optional comment, then thanks. Asked once: the server
// says when the chat was rated, so a reload or another tab does not ask again.
import { useEffect, useRef, useState } from "preact/hooks";
import { Limits, type RateRequest, type RatingScore } from "../../shared/protocol/index.ts";
import type { Conversation } from "./conversation.ts";

// Five faces as Intercom asks, from Unicode 6.0 so that older systems draw them too; the words are what screen
// readers hear and a pointer's hover shows.
const faces = [
  ["😠", "Terrible"],
  ["😞", "Bad"],
  ["😐", "OK"],
  ["😃", "Good"],
  ["😍", "Amazing"],
];

export function RatingPrompt(props: { conversation: Conversation; rep: string; rated?: boolean }) {
  const [step, setStep] = useState<"choose" | "comment" | "thanks">("choose");
  const [score, setScore] = useState<RatingScore>(5);
  const [problem, setProblem] = useState("");
  const focusRef = useRef<HTMLTextAreaElement & HTMLParagraphElement>(null);
  // Each step replaces the controls that had focus: focus moves on with it, so the keyboard stays in the panel.
  useEffect(() => {
    if (step !== "choose") focusRef.current?.focus();
  }, [step]);
  if (props.rated && step === "choose") return null;

  const send = async (req: RateRequest) => {
    try {
      await props.conversation.rate(req);
      setProblem("");
      setScore(req.score);
      setStep(req.comment === undefined ? "comment" : "thanks");
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  return (
    <div class="banter-rating">
      {step === "choose" && (
        <fieldset>
          <legend>How was your chat with {props.rep}?</legend>
          {faces.map(([face, word], i) => (
            <button
              key={word}
              type="button"
              class="banter-face"
              title={word}
              aria-label={`${word}, ${i + 1} of 5`}
              onClick={() => void send({ score: (i + 1) as RatingScore })}
            >
              <span aria-hidden="true">{face}</span>
            </button>
          ))}
        </fieldset>
      )}
      {step === "comment" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const comment = String(new FormData(e.currentTarget).get("comment")).trim();
            if (comment) void send({ score, comment });
            else setStep("thanks");
          }}
        >
          <label for="banter-rating-comment">Thanks! Anything to add? (optional)</label>
          <textarea
            ref={focusRef}
            class="banter-composer-input"
            id="banter-rating-comment"
            name="comment"
            rows={2}
            maxLength={Limits.ratingComment}
          />
          <button type="button" class="banter-reply" onClick={() => setStep("thanks")}>
            Skip
          </button>
          <button type="submit" class="banter-button">
            Send
          </button>
        </form>
      )}
      {step === "thanks" && (
        <p ref={focusRef} tabIndex={-1}>
          Thanks for your feedback.
        </p>
      )}
      <p class="banter-chat-error" role="alert">
        {problem}
      </p>
    </div>
  );
}
