// The leads table: filters, sortable columns, pages, the CSV of the same selection, and each lead's detail.
import { useEffect, useState } from "preact/hooks";
import { leadContact } from "../../../../shared/leads/contact.ts";
import type { LeadPage, LeadSort } from "../../../../shared/leads/query.ts";
import { sourceLabel } from "../../../../shared/leads/source.ts";
import type { FieldError, LeadRow, TeamUser } from "../../../../shared/protocol/index.ts";
import { tierLabel } from "../../lead/labels.ts";
import { salesStatusLabel } from "../../lead/sales-panel.tsx";
import { ApiError, api } from "../../shell/api.ts";
import { href, navigate } from "../../shell/router.ts";
import { LeadFilters, type Option } from "./filters.tsx";
import { clearedHref, currentSort, filtered, nextSort, tableHref, tableQuery, takeStatus } from "./query.ts";

type Loaded = LeadPage<LeadRow> & { sites: Option[] };

const thisYear = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});
const otherYear = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

// "Dec 5, 5:20 AM" this year; "Nov 30, 2025" before (the time of day of an old lead matters little).
function created(at: number, now: number): string {
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? thisYear.format(at) : otherYear.format(at);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Row(props: { lead: LeadRow; q: string; showSite: boolean; now: number }) {
  const l = props.lead;
  const c = leadContact(l);
  const status = l.sales?.status ?? "new";
  return (
    <tr class="leads-row">
      <th scope="row" class="leads-name">
        <a class="leads-cut" href={`${href("leads", l.conversationId)}${props.q ? `?${props.q}` : ""}`}>
          {c.name ?? c.email ?? "Visitor"}
        </a>
        {c.unverified && <span class="leads-sub">unverified</span>}
        {/* P5: the row is the person's newest chat; how many they had. */}
        {l.conversations > 1 && (
          <span class="leads-sub">{plural(l.conversations, "conversation", "conversations")}</span>
        )}
      </th>
      <td class="leads-wrap">{c.company}</td>
      <td>
        <span class="leads-cut" title={c.email}>
          {c.email}
        </span>
      </td>
      <td>{c.phone}</td>
      <td class={l.sales?.ownerName ? undefined : "leads-muted"}>{l.sales?.ownerName ?? "Unassigned"}</td>
      <td>
        {salesStatusLabel[status]}
        {l.missedHandoff && <span class="leads-missed">Missed handoff</span>}
      </td>
      <td>
        <span class="tier-badge" data-tier={l.qualification.tier}>
          {tierLabel[l.qualification.tier]}
        </span>
      </td>
      <td class="leads-number">{l.qualification.score}</td>
      <td>{sourceLabel(l.source)}</td>
      {props.showSite && <td>{l.siteName}</td>}
      <td>
        <time dateTime={new Date(l.createdAt).toISOString()}>{created(l.createdAt, props.now)}</time>
      </td>
    </tr>
  );
}

function Empty(props: { query: URLSearchParams; total: number }) {
  const { query } = props;
  if (props.total > 0) {
    // A link to a page past the end (the selection shrank since it was shared).
    return (
      <div class="console-card leads-empty">
        <p>This page is past the last one.</p>
        <a href={tableHref(query, { page: undefined })}>Go to the first page</a>
      </div>
    );
  }
  return filtered(query) ? (
    <div class="console-card leads-empty">
      <p>No leads match these filters.</p>
      <a href={clearedHref(query)}>Clear filters</a>
    </div>
  ) : (
    <div class="console-card leads-empty">
      <p>No leads yet.</p>
      <p class="console-empty">Every visitor who chats with the bot on one of your sites shows up here.</p>
    </div>
  );
}

export function LeadsTable(props: { query: URLSearchParams }) {
  const { query } = props;
  const q = tableQuery(query);
  const [data, setData] = useState<Loaded | null>(null);
  const [owners, setOwners] = useState<Option[]>([]);
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

  // The owner filter's choices: the team, disabled members too (they may still own leads). Without them the
  // select still offers "Unassigned".
  useEffect(() => {
    api<{ users: TeamUser[] }>("GET", "/api/users").then(
      (r) => setOwners(r.users.map((u) => ({ key: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name))),
      () => {},
    );
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

  const now = Date.now();
  const { sort, dir } = currentSort(query);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const page = data?.page ?? 1;
  const showSite = (data?.sites.length ?? 0) > 1;
  const columns: { label: string; sort?: LeadSort }[] = [
    { label: "Name", sort: "name" },
    { label: "Company", sort: "company" },
    { label: "Email", sort: "email" },
    { label: "Phone" },
    { label: "Owner", sort: "owner" },
    { label: "Status", sort: "status" },
    { label: "Tier", sort: "tier" },
    { label: "Score", sort: "score" },
    { label: "Source", sort: "source" },
    ...(showSite ? [{ label: "Site" }] : []),
    { label: "Created", sort: "created" },
  ];
  const sortBy = (column: LeadSort) => {
    navigate(tableHref(query, { ...nextSort(query, column), page: undefined }));
  };

  return (
    <section class="console-page leads-page" aria-labelledby="page-heading">
      <div class="leads-head">
        <h1 id="page-heading" tabIndex={-1}>
          Leads
        </h1>
        {data && data.total > 0 && (
          <a class="console-button-quiet" href={`/api/leads.csv${q ? `?${q}` : ""}`} download>
            Export CSV
          </a>
        )}
      </div>
      <p role="status" class="leads-status">
        {status}
      </p>
      <LeadFilters query={query} sites={data?.sites ?? []} owners={owners} errors={errors} />
      <p role="alert" class="console-alert">
        {problem}
      </p>
      {!data ? (
        !problem && <p role="status">Loading leads…</p>
      ) : data.leads.length === 0 ? (
        <Empty query={query} total={data.total} />
      ) : (
        <>
          {/* Outside the scrolling box, so it stays in view when the table is scrolled sideways; it names the table. */}
          <p id="leads-summary" class="leads-summary">
            {plural(data.total, "lead", "leads")}
            {pages > 1 && ` · page ${page} of ${pages}`}
          </p>
          {/* Wider than a phone: the table scrolls sideways in its own box, which takes focus to be scrolled by
              keys; the name column stays in view. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable (axe: scrollable-region-focusable) */}
          <section class="leads-table-wrap console-card" aria-label="Leads table" tabIndex={0}>
            <table class="leads-table" aria-labelledby="leads-summary">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      class={c.label === "Score" ? "leads-col leads-number" : "leads-col"}
                      aria-sort={c.sort && c.sort === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {c.sort ? (
                        <button type="button" class="leads-sort" onClick={() => sortBy(c.sort as LeadSort)}>
                          {c.label}
                          <span aria-hidden="true" class="leads-sort-mark">
                            {c.sort === sort ? (dir === "asc" ? "▲" : "▼") : ""}
                          </span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.leads.map((l) => (
                  <Row key={l.conversationId} lead={l} q={q} showSite={showSite} now={now} />
                ))}
              </tbody>
            </table>
          </section>
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
