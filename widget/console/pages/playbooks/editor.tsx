// One site's playbook: a form and a JSON view of the same draft, checked by parsePlaybook at every edit, a live
// preview, and Publish, which shows what would change and then stores a new version (conversations already running
// keep theirs). Publish waits for a change: a draft equal to the live version has nothing to publish.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Playbook } from "../../../../shared/engine/playbook.ts";
import { parsePlaybook } from "../../../../shared/engine/schema.ts";
import type { FieldError, PlaybookChange, PlaybookChanges } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { href } from "../../shell/router.ts";
import { errorsByAnchor, formProblem, type Path, samePlaybook, setIn, shownPaths } from "./draft.ts";
import { Editor } from "./fields.tsx";
import { PlaybookForm } from "./form.tsx";
import { VersionHistory } from "./history.tsx";
import { Preview } from "./preview.tsx";
import { Review } from "./review.tsx";
import { ErrorSummary } from "./summary.tsx";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export function PlaybookEditor(props: { siteKey: string }) {
  const url = `/api/sites/${encodeURIComponent(props.siteKey)}/playbook`;
  const [draft, setDraft] = useState<unknown>(null);
  // The live version, as the server sent it.
  const [live, setLive] = useState<Playbook | null>(null);
  const [siteName, setSiteName] = useState("");
  // What Publish would change, from the server, while the owner reviews it.
  const [changes, setChanges] = useState<PlaybookChange[] | null>(null);
  const [loadError, setLoadError] = useState("");
  const [view, setView] = useState<"form" | "json">("form");
  const [jsonText, setJsonText] = useState("");
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<FieldError[] | null>(null);
  const [status, setStatus] = useState("");
  const { busy, run } = useSubmit();
  const summaryRef = useRef<HTMLElement>(null);
  const jsonRef = useRef<HTMLTextAreaElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const publishRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    api<{ playbook: Playbook; siteName: string }>("GET", url).then(
      ({ playbook, siteName }) => {
        setDraft(playbook);
        setLive(playbook);
        setSiteName(siteName);
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : "The playbook could not be loaded."),
    );
  }, [url]);

  useEffect(() => {
    if (!siteName) return;
    const before = document.title;
    document.title = `Playbook for ${siteName} · Banter`;
    return () => {
      document.title = before;
    };
  }, [siteName]);

  const result = useMemo(() => (draft === null ? null : parsePlaybook(draft)), [draft]);
  const unpublished = draft !== null && live !== null && !samePlaybook(draft, live);

  // Leaving the page would lose the draft: the browser asks first.
  useEffect(() => {
    if (!unpublished) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, [unpublished]);

  if (draft === null || live === null) {
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
    setChanges(null);
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

  // A draft the browser finds valid is reviewed first; one it does not goes to the server, whose refusal lists the
  // problems by field (the same check, so nothing is published either way).
  const publish = () => {
    if (view === "json" && jsonProblem) {
      setStatus("Not published: fix the JSON first.");
      jsonRef.current?.focus();
      return;
    }
    if (!result?.ok) {
      send();
      return;
    }
    void run(
      async () => {
        const r = await api<PlaybookChanges>("POST", `${url}/changes`, draft);
        setChanges(r.changes);
        setStatus("");
        setTimeout(() => reviewRef.current?.focus(), 0);
      },
      (err) => setStatus(`Not published: ${err instanceof Error ? err.message : "the changes could not be read."}`),
    );
  };

  const send = () => {
    void run(
      async () => {
        setStatus("Publishing…");
        const { playbook } = await api<{ playbook: Playbook }>("PUT", url, draft);
        setDraft(playbook);
        setLive(playbook);
        setChanges(null);
        setJsonText(pretty(playbook));
        setServerFields(null);
        setStatus(`Published version ${playbook.version}. New conversations use it; those under way keep theirs.`);
        // The review and its button are gone: focus goes to the top of the page, where the status is.
        setTimeout(() => document.getElementById("page-heading")?.focus(), 0);
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

  // An older version into the draft: nothing is published until the owner reviews it and chooses Publish.
  const restore = (v: number) => {
    if (unpublished && !confirm(`Replace the unpublished changes with version ${v}?`)) return;
    void run(
      async () => {
        const { playbook } = await api<{ playbook: Playbook }>("GET", `${url}/versions/${v}`);
        edit({ ...playbook, version: live.version });
        setJsonText(pretty({ ...playbook, version: live.version }));
        setJsonProblem(null);
        setStatus(`Version ${v} is in the draft. Review the changes and publish to make it live.`);
      },
      () => setStatus(`Version ${v} could not be loaded. Please try again.`),
    );
  };

  const version = live.version;
  return (
    <section class="console-page pb-page" aria-labelledby="page-heading">
      <p>
        <a href={href("playbooks")}>All playbooks</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        Playbook for {siteName}
      </h1>
      <div class="pb-bar">
        <p>
          Version {version} is live. {unpublished ? <strong>Unpublished changes.</strong> : "No changes to publish."}
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
        <button type="button" class="banter-button" disabled={busy || !unpublished} onClick={publish} ref={publishRef}>
          Publish
        </button>
        <p role="status" class="pb-status">
          {status}
        </p>
      </div>
      {changes && (
        <Review
          changes={changes}
          next={version + 1}
          busy={busy}
          headingRef={reviewRef}
          publish={send}
          cancel={() => {
            setChanges(null);
            setTimeout(() => publishRef.current?.focus(), 0);
          }}
        />
      )}
      <ErrorSummary fields={fields} shown={shown} boxRef={summaryRef} />
      <div class="pb-layout">
        <Editor.Provider value={{ draft, errors, change }}>
          {/* Kept while the JSON view is shown, so the parts the owner opened are still open on coming back. */}
          {formable && (
            <div hidden={view !== "form"}>
              <PlaybookForm siteKey={props.siteKey} />
            </div>
          )}
          {view === "json" && (
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
      <VersionHistory siteKey={props.siteKey} current={version} restore={restore} />
    </section>
  );
}
