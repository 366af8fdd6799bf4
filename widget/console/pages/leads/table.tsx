// The leads table: filters, sortable columns, pages, the CSV of the same selection, and each lead's detail.
import { useEffect, useState } from "preact/hooks";
import type { LeadPage, LeadSort } from "../../../../shared/leads/query.ts";
import type { FieldError, LeadRow } from "../../../../shared/protocol/index.ts";
import { leadName, outcomeLabel, stageLabel, tierLabel } from "../../lead/labels.ts";
import { ApiError, api } from "../../shell/api.ts";
import { href, navigate } from "../../shell/router.ts";
import { LeadFilters, type SiteOption } from "./filters.tsx";
import { currentSort, nextSort, tableHref, tableQuery, takeStatus } from "./query.ts";

type Loaded = LeadPage<LeadRow> & { sites: SiteOption[] };

const columns: { label: string; sort?: LeadSort }[] = [
  { label: "Lead", sort: "email" },
  { label: "Site" },
  { label: "Tier", sort: "tier" },
  { label: "Stage" },
  { label: "Score", sort: "score" },
  { label: "Outcome" },
  // How many times the person chatted (shared/leads/SPEC.md, P5); the other columns are their newest chat's.
  { label: "Conversations" },
  { label: "Created", sort: "created" },
];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function LeadsTable(props: { query: URLSearchParams }) {
  const { query } = props;
  const q = tableQuery(query);
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState("");

  // Set after the first render, so the status region exists before its text and the text is announced; the
  // heading takes focus, as the page the visitor's data was deleted from is gone.
  useEffect(() => {
    const said = takeStatus();
    if (!said) return;
    setStatus(said);
    document.getElementById("page-heading")?.focus();
  }, []);

  useEffect(() => {
    let current = true;
    setProblem("");
    api<Loaded>("GET", `/api/leads${q ? `?${q}` : ""}`).then(
      (d) => {
        if (!current) return;
        setData(d);
        setErrors([]);
      },
      (err: unknown) => {
        if (!current) return;
        setProblem(err instanceof Error ? err.message : "The leads could not be loaded.");
        setErrors(err instanceof ApiError ? err.fields : []);
      },
    );
    return () => {
      current = false;
    };
  }, [q]);

  const { sort, dir } = currentSort(query);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const page = data?.page ?? 1;
  const sortBy = (column: LeadSort) => {
    navigate(tableHref(query, { ...nextSort(query, column), page: undefined }));
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Leads
      </h1>
      <p role="status" class="leads-status">
        {status}
      </p>
      <LeadFilters query={query} sites={data?.sites ?? []} errors={errors} />
      <p role="alert" class="console-alert">
        {problem}
      </p>
      <p class="leads-export">
        <a class="console-button-quiet" href={`/api/leads.csv${q ? `?${q}` : ""}`} download>
          Export CSV
        </a>
      </p>
      {!data ? (
        !problem && <p role="status">Loading leads…</p>
      ) : (
        <>
          <div class="leads-table-wrap">
            <table class="leads-table">
              <caption>
                Leads: {data.total} {data.total === 1 ? "lead" : "leads"}
                {data.total > 0 && `, page ${page} of ${pages}`}
              </caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      aria-sort={c.sort && c.sort === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {c.sort ? (
                        <button type="button" class="leads-sort" onClick={() => sortBy(c.sort as LeadSort)}>
                          {c.label}
                          <span aria-hidden="true">{c.sort === sort ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.leads.length === 0 && (
                  <tr>
                    <td colSpan={columns.length}>No leads match these filters.</td>
                  </tr>
                )}
                {data.leads.map((l) => (
                  <tr key={l.conversationId}>
                    <th scope="row">
                      <a href={`${href("leads", l.conversationId)}${q ? `?${q}` : ""}`}>{leadName(l)}</a>
                    </th>
                    <td>{l.siteName}</td>
                    <td>
                      <span class="tier-badge" data-tier={l.qualification.tier}>
                        {tierLabel[l.qualification.tier]}
                      </span>
                    </td>
                    <td>{stageLabel[l.qualification.stage]}</td>
                    <td class="leads-number">{l.qualification.score}</td>
                    <td>{l.outcome ? outcomeLabel[l.outcome] : l.missedHandoff ? "Missed handoff" : ""}</td>
                    <td class="leads-number">{l.conversations}</td>
                    <td>
                      <time dateTime={new Date(l.createdAt).toISOString()}>{dateTime.format(l.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav class="leads-pages" aria-label="Pages">
              {page > 1 ? (
                <a class="console-button-quiet" href={tableHref(query, { page: String(page - 1) })}>
                  Previous
                </a>
              ) : (
                <span />
              )}
              <p>
                Page {page} of {pages}
              </p>
              {page < pages ? (
                <a class="console-button-quiet" href={tableHref(query, { page: String(page + 1) })}>
                  Next
                </a>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
