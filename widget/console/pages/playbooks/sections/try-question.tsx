// "Try a question": which answer the bot would give the draft's visitors, and how sure it is (A2), as the owner
// types. The matcher runs in the browser on the draft, exactly as the server will run it once published.
import { useEffect, useState } from "preact/hooks";
import { rankAnswers } from "../../../../../shared/engine/answers/index.ts";
import type { Playbook } from "../../../../../shared/engine/playbook.ts";

// Long enough not to announce every keystroke, short enough to feel live.
const debounceMs = 300;

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

export function verdict(playbook: Playbook, question: string): string {
  const best = rankAnswers(playbook, question, 1)[0];
  if (!best) return "No answer matches.";
  const topic = best.answer.topic || best.answer.id;
  return best.sure
    ? `Would answer: ${topic} (sure, ${percent(best.confidence)}).`
    : `Would not answer: not sure enough (closest: ${topic}, ${percent(best.confidence)}).`;
}

export function TryQuestion(props: { playbook: Playbook }) {
  const [text, setText] = useState("");
  const [question, setQuestion] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuestion(text.trim()), debounceMs);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div class="pb-try">
      <div class="pb-field">
        <label for="pb-try">Try a question</label>
        <input
          id="pb-try"
          type="text"
          value={text}
          aria-describedby="pb-try-hint"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <span id="pb-try-hint" class="pb-hint">
          As a visitor would ask it. Tried on this draft, published or not.
        </span>
      </div>
      <p role="status" class="pb-try-result">
        {question ? verdict(props.playbook, question) : ""}
      </p>
    </div>
  );
}
