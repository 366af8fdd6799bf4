// A chat with the draft, run by the real engine in the browser: what a visitor would see, with the score the
// rep would get. It starts over whenever the playbook changes, since answers given to another version of the
// questions may not fit this one. "Simulate behaviour" scores the same answers as if the site had reported what a
// visitor did (qualify with a Behaviour and now); it is kept across edits, so an edited rule shows its effect at once.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Playbook } from "../../../../shared/engine/playbook.ts";
import { qualify } from "../../../../shared/engine/qualify.ts";
import type { Effect, EngineState, Input } from "../../../../shared/engine/state.ts";
import { start, step } from "../../../../shared/engine/step.ts";
import type { QuickReply } from "../../../../shared/protocol/index.ts";
import { Composer } from "../../../ui/composer.tsx";
import { type DisplayMessage, Transcript } from "../../../ui/transcript.tsx";
import { simulatedBehaviour, startSimulation } from "./simulate.ts";
import { SimulateFields } from "./simulate-fields.tsx";

interface Chat {
  state: EngineState;
  messages: DisplayMessage[];
  replies: QuickReply[];
}

function said(effects: Effect[], n: number): { messages: DisplayMessage[]; replies: QuickReply[] } {
  const messages: DisplayMessage[] = [];
  let replies: QuickReply[] = [];
  effects.forEach((e, i) => {
    if (e.type !== "say") return;
    messages.push({ key: `b${n}-${i}`, author: "bot", text: e.text });
    replies = e.options ?? [];
  });
  return { messages, replies };
}

function begin(playbook: Playbook): Chat {
  const t = start(playbook);
  return { state: t.state, ...said(t.effects, 0) };
}

const tierText = { cold: "Cold", warm: "Warm", hot: "Hot" } as const;
const stageText = { lead: "Lead", mql: "MQL", sql: "SQL", disqualified: "Disqualified" } as const;

export function Preview(props: { playbook: Playbook | null }) {
  const { playbook } = props;
  const [chat, setChat] = useState<Chat | null>(() => (playbook ? begin(playbook) : null));
  const turn = useRef(0);
  const [simulating, setSimulating] = useState(false);
  const [sim, setSim] = useState(startSimulation);
  const sig = playbook ? JSON.stringify(playbook) : "";

  const restart = () => setChat(playbook ? begin(playbook) : null);
  // Keyed on the playbook's content, not its identity: an edit that changes nothing keeps the chat.
  useEffect(restart, [sig]);

  const send = (input: Input, words: string) => {
    if (!playbook || !chat) return;
    const n = ++turn.current;
    const t = step(playbook, chat.state, input, Date.now());
    const out = said(t.effects, n);
    setChat({
      state: t.state,
      messages: [...chat.messages, { key: `v${n}`, author: "visitor", text: words }, ...out.messages],
      replies: out.replies,
    });
  };

  if (!playbook || !chat) {
    return (
      <section class="console-card pb-preview" aria-labelledby="pb-preview-heading">
        <h2 id="pb-preview-heading">Preview</h2>
        <p>The preview runs once the playbook has no problems.</p>
      </section>
    );
  }
  const engine = chat.state.qualification;
  // The clock is read here, at the edge: the score with decay as it reads now.
  const now = Date.now();
  const q = simulating
    ? qualify(playbook, chat.state.slots, engine.disqualifiedBecause, simulatedBehaviour(sim, now), now)
    : engine;
  const ended = chat.state.outcome;
  return (
    <section class="console-card pb-preview" aria-labelledby="pb-preview-heading">
      <h2 id="pb-preview-heading">Preview</h2>
      <p class="pb-hint">Runs this draft as a visitor would see it. Editing the playbook starts it over.</p>
      <Transcript messages={chat.messages} label="Preview conversation" viewer="visitor" />
      {!ended && chat.replies.length > 0 && (
        // Not the chat's QuickReplies: importing from the chat app would split a chunk off the visitor's bundle.
        <fieldset class="banter-replies" aria-label="Quick replies">
          {chat.replies.map((o) => (
            <button key={o.value} type="button" class="banter-reply" onClick={() => send({ choice: o.value }, o.label)}>
              {o.label}
            </button>
          ))}
        </fieldset>
      )}
      <Composer onSend={(text) => send({ text }, text)} disabled={ended !== null} />
      <details class="pb-sim" onToggle={(e) => setSimulating(e.currentTarget.open)}>
        <summary class="pb-sim-toggle">Simulate behaviour</summary>
        <p class="pb-hint">While this is open, the score counts this behaviour as if the site had reported it.</p>
        {simulating && <SimulateFields sim={sim} set={setSim} />}
      </details>
      <div class="pb-score" role="status">
        <p>
          Score {q.score}, {tierText[q.tier]}, stage {stageText[q.stage]}
          {ended && `. Ended: ${ended}${chat.state.outcomeReason ? ` (${chat.state.outcomeReason})` : ""}`}
        </p>
      </div>
      {q.reasons.length > 0 && (
        <ul class="pb-reasons" aria-label="Score reasons">
          {q.reasons.map((r, i) => (
            <li key={i}>
              {r.reason}: {r.points > 0 ? `+${r.points}` : r.points}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="console-button-quiet" onClick={restart}>
        Restart preview
      </button>
    </section>
  );
}
