// One site's playbook: a form and a JSON view of the same draft, checked by parsePlaybook at every edit, a live
// preview, and Publish, which stores a new version (conversations already running keep theirs).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Playbook } from "../../../../shared/engine/playbook.ts";
import { parsePlaybook } from "../../../../shared/engine/schema.ts";
import type { FieldError } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { href } from "../../shell/router.ts";
import { errorsByAnchor, formProblem, type Path, setIn, shownPaths } from "./draft.ts";
import { Editor } from "./fields.tsx";
import { PlaybookForm } from "./form.tsx";
import { VersionHistory } from "./history.tsx";
import { Preview } from "./preview.tsx";
import { ErrorSummary } from "./summary.tsx";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export function PlaybookEditor(props: { siteKey: string }) {
  const url = `/api/sites/${encodeURIComponent(props.siteKey)}/playbook`;
  const [draft, setDraft] = useState<unknown>(null);
  const [baseline, setBaseline] = useState("");
  const [loadError, setLoadError] = useState("");
  const [view, setView] = useState<"form" | "json">("form");
  const [jsonText, setJsonText] = useState("");
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<FieldError[] | null>(null);
  const [status, setStatus] = useState("");
  const { busy, run } = useSubmit();
  const summaryRef = useRef<HTMLElement>(null);
  const jsonRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    api<{ playbook: Playbook }>("GET", url).then(
      ({ playbook }) => {
        setDraft(playbook);
        setBaseline(JSON.stringify(playbook));
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : "The playbook could not be loaded."),
    );
  }, [url]);

  const result = useMemo(() => (draft === null ? null : parsePlaybook(draft)), [draft]);
  const unpublished = draft !== null && JSON.stringify(draft) !== baseline;

  // Leaving the page would lose the draft: the browser asks first.
  useEffect(() => {
    if (!unpublished) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, [unpublished]);

  if (draft === null) {
    return loadError ? <p role="alert">{loadError}</p> : <p role="status">Loading the playbook…</p>;
  }

  // The server's word after a refused publish, until the next edit; the browser's own check otherwise.
  const fields = serverFields ?? (result && !result.ok ? result.fields : []);
  const formable = formProblem(draft) === null;
  const shown = view === "form" && formable ? shownPaths(draft) : null;
  const errors = errorsByAnchor(fields, shown ?? new Set());

  const edit = (next: unknown) => {
    setDraft(next);
    setServerFields(null);
  };
  const change = (path: Path, value: unknown) => edit(setIn(draft, path, value));

  const showJson = () => {
    setJsonText(pretty(draft));
    setJsonProblem(null);
    setView("json");
  };
  const showForm = () => {
    const problem = jsonProblem ?? formProblem(draft);
    if (problem) {
      setJsonProblem(problem);
      jsonRef.current?.focus();
      return;
    }
    setView("form");
  };

  const publish = () => {
    if (view === "json" && jsonProblem) {
      setStatus("Not published: fix the JSON first.");
      jsonRef.current?.focus();
      return;
    }
    void run(
      async () => {
        setStatus("Publishing…");
        const { playbook } = await api<{ playbook: Playbook }>("PUT", url, draft);
        setDraft(playbook);
        setBaseline(JSON.stringify(playbook));
        setJsonText(pretty(playbook));
        setServerFields(null);
        setStatus(`Published version ${playbook.version}. New conversations use it; those under way keep theirs.`);
      },
      (err) => {
        const e = err instanceof ApiError ? err : null;
        if (e && e.fields.length > 0) {
          setServerFields(e.fields);
          setStatus(`Not published: ${e.fields.length === 1 ? "1 problem" : `${e.fields.length} problems`} to fix.`);
          setTimeout(() => summaryRef.current?.focus(), 0);
        } else {
          setStatus(`Not published: ${e?.message ?? "something went wrong. Please try again."}`);
        }
      },
    );
  };

  const version = (JSON.parse(baseline) as { version?: number }).version;
  return (
    <section class="console-page pb-page" aria-labelledby="page-heading">
      <p>
        <a href={href("playbooks")}>All playbooks</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        Playbook of {props.siteKey}
      </h1>
      <div class="pb-bar">
        <p>
          Published version {version}. {unpublished ? <strong>Unpublished changes.</strong> : "No unpublished changes."}
        </p>
        <fieldset class="pb-views">
          <legend class="banter-sr">View</legend>
          <button type="button" class="console-button-quiet" aria-pressed={view === "form"} onClick={showForm}>
            Form
          </button>
          <button type="button" class="console-button-quiet" aria-pressed={view === "json"} onClick={showJson}>
            JSON
          </button>
        </fieldset>
        <button type="button" class="banter-button" disabled={busy} onClick={publish}>
          Publish
        </button>
        <p role="status" class="pb-status">
          {status}
        </p>
      </div>
      <VersionHistory siteKey={props.siteKey} current={version} />
      <ErrorSummary fields={fields} shown={shown} boxRef={summaryRef} />
      <div class="pb-layout">
        <Editor.Provider value={{ draft, errors, change }}>
          {view === "form" ? (
            <PlaybookForm siteKey={props.siteKey} />
          ) : (
            <div class="console-card pb-json">
              <label for="pb-json">Playbook JSON</label>
              <textarea
                id="pb-json"
                ref={jsonRef}
                class="pb-code"
                rows={30}
                spellcheck={false}
                value={jsonText}
                aria-invalid={jsonProblem !== null}
                aria-describedby={jsonProblem ? "pb-json-problem" : undefined}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  setJsonText(text);
                  try {
                    edit(JSON.parse(text));
                    setJsonProblem(null);
                  } catch (err) {
                    setJsonProblem(`Not valid JSON: ${err instanceof Error ? err.message : "cannot be read"}.`);
                  }
                }}
              />
              {jsonProblem && (
                <p id="pb-json-problem" class="pb-error">
                  {jsonProblem}
                </p>
              )}
            </div>
          )}
        </Editor.Provider>
        <Preview playbook={result?.ok ? result.playbook : null} />
      </div>
    </section>
  );
}
