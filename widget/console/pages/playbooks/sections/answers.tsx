// What the bot tells visitors who ask (P5, A1-A5): first the questions visitors asked that no answer covers yet,
// each one click from becoming an answer; then the answers, one line each until opened; and a box to try a
// question on the draft.
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import type { Answer, Playbook } from "../../../../../shared/engine/playbook.ts";
import { Editor, FieldErrors } from "../fields.tsx";
import { freshId } from "../item-actions.tsx";
import { summaries } from "../summaries.ts";
import { focusField } from "../summary.tsx";
import { AnswerItem } from "./answer-item.tsx";
import { Section } from "./section.tsx";
import { TryQuestion } from "./try-question.tsx";
import { UnansweredList } from "./unanswered.tsx";

// An example question is at most this long (P5); a visitor's question may be longer.
const exampleChars = 200;

// The draft's answers the matcher can read, however unfinished the rest of the draft is: what the bot would
// answer if this draft were published.
function matchable(answers: readonly Answer[]): Playbook {
  const usable = answers.filter(
    (a) =>
      typeof a.id === "string" &&
      typeof a.answer === "string" &&
      Array.isArray(a.questions) &&
      a.questions.every((q) => typeof q === "string"),
  );
  return { answers: usable.map((a) => (typeof a.topic === "string" ? a : { ...a, topic: undefined })) } as Playbook;
}

const topicChars = 40;

// "do you have an iphone app?" -> "Do you have an iphone app", at most 40 characters, cut at a word.
function topicOf(question: string): string {
  const plain = question.trim().replace(/[?!.\s]+$/, "");
  const cut =
    plain.length <= topicChars
      ? plain
      : plain.slice(0, plain.lastIndexOf(" ", topicChars - 1)) || plain.slice(0, topicChars);
  return cut.charAt(0).toUpperCase() + cut.slice(1);
}

export function AnswersSection(props: { playbook: Playbook; siteKey: string }) {
  const { change, errors } = useContext(Editor);
  const answers = props.playbook.answers ?? [];
  // Open answers, by id: the form has no id field, so an id is stable while the owner edits and moves answers.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const erred = answers.map((_, i) =>
    [...errors.keys()].some((k) => k === `answers.${i}` || k.startsWith(`answers.${i}.`)),
  );
  const draft = useMemo(() => matchable(answers), [answers]);

  // An answer with a problem opens to show it, and stays open while the owner fixes it.
  useEffect(() => {
    const ids = answers.filter((_, i) => erred[i]).map((a) => String(a.id));
    if (ids.some((id) => !open.has(id))) setOpen(new Set([...open, ...ids]));
  }, [errors]);

  const set = (list: unknown[]) => change(["answers"], list.length > 0 ? list : undefined);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
  };
  // A new answer, open, with the visitor's question as its first example and, shortened, its topic (what lead cards
  // say was asked about) when there is one: the owner only writes the answer.
  const add = (question?: string) => {
    const id = freshId(
      "answer",
      answers.map((a) => a.id),
    );
    const fresh = question
      ? { id, topic: topicOf(question), questions: [question.trim().slice(0, exampleChars)], answer: "" }
      : { id, questions: [], answer: "" };
    set([...answers, fresh]);
    setOpen(new Set([...open, id]));
    const at = answers.length;
    setTimeout(() => focusField(`answers.${at}.${question ? "answer" : "topic"}`), 0);
  };

  return (
    <Section id="pb-answers" title="Answers" summary={summaries.answers(props.playbook)} paths={["answers"]}>
      <p class="pb-hint">
        What the bot tells visitors who ask. It answers only when it is sure, and otherwise says it does not know.
      </p>
      <UnansweredList siteKey={props.siteKey} version={props.playbook.version} draft={draft} answer={add} />
      <FieldErrors path="answers" />
      {answers.length === 0 ? (
        <p class="pb-hint">No answers yet.</p>
      ) : (
        <ul class="pb-answers" aria-labelledby="pb-answers-title">
          {answers.map((a, i) => (
            <AnswerItem
              key={i}
              answers={answers}
              at={i}
              open={open.has(String(a.id)) || Boolean(erred[i])}
              erred={Boolean(erred[i])}
              toggle={() => toggle(String(a.id))}
              set={set}
            />
          ))}
        </ul>
      )}
      <button type="button" class="console-button-quiet" onClick={() => add()}>
        Add answer
      </button>
      <TryQuestion playbook={draft} />
    </Section>
  );
}
