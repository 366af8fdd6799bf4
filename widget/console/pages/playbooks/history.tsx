// The versions published so far: which is live, when each was published and by whom, and what it changed; an
// older one can be copied into the draft, to be reviewed and published as a new version (versions never change).
// Fetched again after each publish (`current` changes).
import { useEffect, useState } from "preact/hooks";
import type { PlaybookVersions } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function VersionHistory(props: {
  siteKey: string;
  current: number | undefined;
  restore(version: number): void;
}) {
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
    <details class="console-card pb-history">
      <summary>
        Version history
        {data && (
          <span class="pb-section-summary">
            {" "}
            {data.versions.length === 1 ? "1 version" : `${data.versions.length} versions`}
          </span>
        )}
      </summary>
      {problem && <p>{problem}</p>}
      {data && (
        <ul class="pb-versions">
          {data.versions.map((v) => (
            <li key={v.version} class="pb-version">
              <p class="pb-version-head">
                <strong>Version {v.version}</strong>
                {v.version === data.current && <span class="pb-live"> (live)</span>}
                <span class="pb-hint">
                  {" "}
                  published {when(v.publishedAt)}
                  {v.publishedBy ? ` by ${v.publishedBy}` : ""}
                </span>
              </p>
              <p class="pb-version-summary">
                {v.summary ??
                  (v.version === data.versions.at(-1)?.version
                    ? "The first version."
                    : "Changes not summarised (older version).")}
              </p>
              {v.version !== data.current && (
                <button type="button" class="console-button-quiet" onClick={() => props.restore(v.version)}>
                  Restore into the draft<span class="banter-sr"> version {v.version}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
