// The questions this site's visitors asked that the bot could not answer (A4, A5), most asked first. "Answer
// this" starts an answer with the question as its first example; publishing it takes the question off the list.
import { useEffect, useState } from "preact/hooks";
import { findAnswer } from "../../../../../shared/engine/answers/index.ts";
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import type { UnansweredQuestions } from "../../../../../shared/protocol/index.ts";
import { api } from "../../../shell/api.ts";

// The most asked few; the rest one click away, so the editor stays short.
const shownFirst = 5;

// Short, so the column stays narrow: "Dec 5, 1:32 PM".
const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

export function UnansweredList(props: {
  siteKey: string;
  // Fetched again after each publish: a published answer clears its questions.
  version: unknown;
  draft: Playbook;
  answer(question: string): void;
}) {
  const [data, setData] = useState<UnansweredQuestions | null>(null);
  const [problem, setProblem] = useState("");
  const [all, setAll] = useState(false);
  useEffect(() => {
    api<UnansweredQuestions>("GET", `/api/sites/${encodeURIComponent(props.siteKey)}/questions`).then(
      (d) => {
        setData(d);
        setProblem("");
      },
      () => setProblem("The unanswered questions could not be loaded."),
    );
  }, [props.siteKey, props.version]);

  const questions = data?.questions ?? [];
  const shown = all ? questions : questions.slice(0, shownFirst);
  return (
    <div class="pb-unanswered">
      <h3 id="pb-unanswered">Questions the bot could not answer</h3>
      {problem && <p>{problem}</p>}
      {data && questions.length === 0 && (
        <p class="pb-hint">None: every question visitors asked was answered, or none was asked yet.</p>
      )}
      {shown.length > 0 && (
        // A table: the counts and dates line up, and each row reads with its column's name.
        <table class="pb-unanswered-table" aria-labelledby="pb-unanswered">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col" class="pb-num">
                Conversations
              </th>
              <th scope="col">Last asked</th>
              <th scope="col">
                <span class="banter-sr">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((q) => {
              // Answered by an answer of the draft not published yet: nothing more to do here.
              const match = findAnswer(props.draft, q.text);
              const drafted = match?.sure ? match.answer.topic || match.answer.id : null;
              return (
                <tr key={q.text}>
                  <td class="pb-unanswered-text">
                    <q>{q.text}</q>
                  </td>
                  <td class="pb-num">{q.count}</td>
                  <td>
                    <time dateTime={new Date(q.lastAskedAt).toISOString()}>{when(q.lastAskedAt)}</time>
                  </td>
                  <td>
                    {drafted ? (
                      <span class="pb-hint">In the draft ({drafted})</span>
                    ) : (
                      <button type="button" class="console-button-quiet" onClick={() => props.answer(q.text)}>
                        Answer this<span class="banter-sr"> question: {q.text}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {questions.length > shownFirst && (
        <button type="button" class="console-button-quiet" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Show the most asked only" : `Show all ${questions.length}`}
        </button>
      )}
    </div>
  );
}
