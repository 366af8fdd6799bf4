// The versions published so far and when, fetched again after each publish (`current` changes).
import { useEffect, useState } from "preact/hooks";
import type { PlaybookVersions } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function VersionHistory(props: { siteKey: string; current: number | undefined }) {
  const [data, setData] = useState<PlaybookVersions | null>(null);
  const [problem, setProblem] = useState("");
  useEffect(() => {
    api<PlaybookVersions>("GET", `/api/sites/${encodeURIComponent(props.siteKey)}/playbook/versions`).then(
      (d) => {
        setData(d);
        setProblem("");
      },
      () => setProblem("The version history could not be loaded."),
    );
  }, [props.siteKey, props.current]);
  return (
    <details class="pb-history">
      <summary>Version history</summary>
      {problem && <p>{problem}</p>}
      {data && (
        <ul>
          {data.versions.map((v) => (
            <li key={v.version}>
              Version {v.version}, published {when(v.publishedAt)}
              {v.version === data.current && " (running now)"}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
