// The Playbooks page (owners): "#/playbooks" lists each site's playbook, "#/playbooks/<siteKey>" edits one.
import { useEffect, useState } from "preact/hooks";
import type { PlaybookSummary } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";
import { href } from "../../shell/router.ts";
import { PlaybookEditor } from "./editor.tsx";

function PlaybookList() {
  const [list, setList] = useState<PlaybookSummary[] | null>(null);
  const [problem, setProblem] = useState("");
  useEffect(() => {
    api<{ playbooks: PlaybookSummary[] }>("GET", "/api/playbooks").then(
      (r) => setList(r.playbooks),
      (err: unknown) => setProblem(err instanceof Error ? err.message : "The playbooks could not be loaded."),
    );
  }, []);
  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Playbooks
      </h1>
      {problem && <p role="alert">{problem}</p>}
      {!list && !problem && <p role="status">Loading…</p>}
      {list && (
        <ul class="console-card pb-list">
          {list.map((p) => (
            <li key={p.siteKey}>
              <a href={href("playbooks", p.siteKey)}>{p.siteName}</a>: playbook {p.playbookId}, version {p.version}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PlaybooksPage(props: PageProps) {
  const siteKey = props.route.parts[1];
  return siteKey ? <PlaybookEditor key={siteKey} siteKey={siteKey} /> : <PlaybookList />;
}
