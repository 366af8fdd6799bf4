// The leads table's state lives in the route's query ("#/leads?tier=hot&page=2"), so reload, back and a shared
// link show the same selection. Only known, non-empty parameters are passed on to the server.
import { type LeadSort, leadSorts, type SortDir } from "../../../../shared/leads/query.ts";

// The filters the form shows at once, and those behind "More filters".
export const mainFilters = ["q", "tier", "status", "owner", "missed"] as const;
export const moreFilters = ["site", "stage", "outcome", "source", "from", "to"] as const;
export const filterNames = [...mainFilters, ...moreFilters] as const;
// pageSize has no control of its own: a link may set it ("#/leads?pageSize=100").
const tableNames = [...filterNames, "sort", "dir", "page", "pageSize"] as const;

export function tableQuery(query: URLSearchParams, changes: Record<string, string | undefined> = {}): string {
  const out = new URLSearchParams();
  for (const name of tableNames) {
    const value = name in changes ? changes[name] : query.get(name);
    if (value) out.set(name, value);
  }
  return out.toString();
}

export function tableHref(query: URLSearchParams, changes: Record<string, string | undefined> = {}): string {
  const q = tableQuery(query, changes);
  return q ? `#/leads?${q}` : "#/leads";
}

// The same view without any filter (its sort and page size kept): the empty state's way out.
export function clearedHref(query: URLSearchParams): string {
  return tableHref(query, { ...Object.fromEntries(filterNames.map((n) => [n, undefined])), page: undefined });
}

export function filtered(query: URLSearchParams): boolean {
  return filterNames.some((name) => query.get(name));
}

export function currentSort(query: URLSearchParams): { sort: LeadSort; dir: SortDir } {
  const sort = leadSorts.find((s) => s === query.get("sort")) ?? "created";
  return { sort, dir: query.get("dir") === "asc" ? "asc" : "desc" };
}

// Clicking the sorted column turns it around; another column starts from what one looks for first: the newest,
// the highest score, the hottest; words (names, owners, sources) and statuses from the top, A to Z and New first.
export function nextSort(query: URLSearchParams, column: LeadSort): { sort: LeadSort; dir: SortDir } {
  const now = currentSort(query);
  if (now.sort === column) return { sort: column, dir: now.dir === "asc" ? "desc" : "asc" };
  const highFirst = column === "created" || column === "score" || column === "tier";
  return { sort: column, dir: highFirst ? "desc" : "asc" };
}

// A status for the table after an erasure, said once when the table shows again (not kept in the URL, so a
// reload does not repeat it).
let pendingStatus = "";
export function afterReturn(status: string): void {
  pendingStatus = status;
}
export function takeStatus(): string {
  const s = pendingStatus;
  pendingStatus = "";
  return s;
}
