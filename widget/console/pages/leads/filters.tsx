// The table's filters as a form: applied on submit (a keyboard user can set several before the table changes),
// kept in the route's query. The ones used most are always shown; the rest sit under "More filters", open when one
// of them is set. A value the server refused is marked on its field with the server's reason.
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { unassigned } from "../../../../shared/leads/query.ts";
import { type FieldError, outcomes } from "../../../../shared/protocol/index.ts";
import { outcomeLabel, stageLabel, tierLabel } from "../../lead/labels.ts";
import { salesStatusLabel } from "../../lead/sales-panel.tsx";
import { navigate } from "../../shell/router.ts";
import { clearedHref, filterNames, moreFilters, tableHref } from "./query.ts";

export interface Option {
  key: string;
  name: string;
}

interface ControlAttrs {
  id: string;
  name: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

function Field(props: {
  name: string;
  label: string;
  errors: FieldError[];
  wide?: boolean;
  children: (control: ControlAttrs) => ComponentChildren;
}) {
  const id = useId();
  const error = props.errors.find((e) => e.path === props.name)?.message;
  const control: ControlAttrs = { id, name: props.name };
  if (error) Object.assign(control, { "aria-invalid": true, "aria-describedby": `${id}-error` });
  return (
    <div class={props.wide ? "leads-filter leads-filter-wide" : "leads-filter"}>
      <label for={id}>{props.label}</label>
      {props.children(control)}
      {error && (
        <p id={`${id}-error`} class="leads-filter-error">
          {error}
        </p>
      )}
    </div>
  );
}

function options(labels: Record<string, string>, any: string) {
  return [
    <option key="" value="">
      {any}
    </option>,
    ...Object.entries(labels).map(([value, label]) => (
      <option key={value} value={value}>
        {label}
      </option>
    )),
  ];
}

export function LeadFilters(props: {
  query: URLSearchParams;
  sites: Option[];
  owners: Option[];
  errors: FieldError[];
}) {
  const { query, errors } = props;
  const v = (name: string) => query.get(name) ?? "";
  const submit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const changes: Record<string, string | undefined> = { page: undefined };
    for (const name of filterNames) changes[name] = String(data.get(name) ?? "").trim() || undefined;
    navigate(tableHref(query, changes));
  };
  const siteLabels = Object.fromEntries(props.sites.map((s) => [s.key, s.name]));
  const ownerLabels = { [unassigned]: "Unassigned", ...Object.fromEntries(props.owners.map((o) => [o.key, o.name])) };
  const outcomeLabels = Object.fromEntries(outcomes.map((o) => [o, outcomeLabel[o]]));
  const more = moreFilters.some((name) => v(name) || errors.some((e) => e.path === name));
  // Keyed by the query: back and forward show the filters of the selection shown.
  return (
    <form key={query.toString()} class="leads-filters console-card" aria-label="Filter leads" onSubmit={submit}>
      <div class="leads-filter-row">
        <Field name="q" label="Search by name, email, company or phone" errors={errors} wide>
          {(a) => <input {...a} type="search" value={v("q")} />}
        </Field>
        <Field name="tier" label="Tier" errors={errors}>
          {(a) => (
            <select {...a} value={v("tier")}>
              {options(tierLabel, "Any tier")}
            </select>
          )}
        </Field>
        <Field name="status" label="Status" errors={errors}>
          {(a) => (
            <select {...a} value={v("status")}>
              {options(salesStatusLabel, "Any status")}
            </select>
          )}
        </Field>
        <Field name="owner" label="Owner" errors={errors}>
          {(a) => (
            <select {...a} value={v("owner")}>
              {options(ownerLabels, "Anyone")}
            </select>
          )}
        </Field>
        <label class="leads-check">
          <input type="checkbox" name="missed" value="1" checked={Boolean(v("missed"))} />
          Missed handoffs only
        </label>
      </div>
      <details class="leads-more" open={more}>
        <summary>More filters</summary>
        <div class="leads-filter-row">
          <Field name="site" label="Site" errors={errors}>
            {(a) => (
              <select {...a} value={v("site")}>
                {options(siteLabels, "All sites")}
              </select>
            )}
          </Field>
          <Field name="stage" label="Lifecycle stage" errors={errors}>
            {(a) => (
              <select {...a} value={v("stage")}>
                {options(stageLabel, "Any stage")}
              </select>
            )}
          </Field>
          <Field name="outcome" label="Outcome" errors={errors}>
            {(a) => (
              <select {...a} value={v("outcome")}>
                {options(outcomeLabels, "Any outcome")}
              </select>
            )}
          </Field>
          <Field name="source" label="Source" errors={errors}>
            {(a) => <input {...a} value={v("source")} placeholder="google, linkedin.com, direct" />}
          </Field>
          <Field name="from" label="Created from" errors={errors}>
            {(a) => <input {...a} type="date" value={v("from")} />}
          </Field>
          <Field name="to" label="Created to" errors={errors}>
            {(a) => <input {...a} type="date" value={v("to")} />}
          </Field>
        </div>
      </details>
      <div class="leads-filter-actions">
        <button type="submit" class="banter-button">
          Apply filters
        </button>
        <a class="console-button-quiet" href={clearedHref(query)}>
          Clear filters
        </a>
      </div>
    </form>
  );
}
