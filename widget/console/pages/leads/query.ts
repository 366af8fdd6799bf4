// The leads table's state lives in the route's query ("#/leads?tier=hot&page=2"), so reload, back and a shared
// link show the same selection. Only known, non-empty parameters are passed on to the server.
import type { LeadSort, SortDir } from "../../../../shared/leads/query.ts";

export const filterNames = ["site", "tier", "stage", "outcome", "source", "from", "to"] as const;
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

export function currentSort(query: URLSearchParams): { sort: LeadSort; dir: SortDir } {
  const sort = query.get("sort");
  return {
    sort: sort === "score" || sort === "tier" || sort === "email" ? sort : "created",
    dir: query.get("dir") === "asc" ? "asc" : "desc",
  };
}

// Clicking the sorted column turns it around; another column starts from what one looks for first: the newest,
// the highest score, the hottest, emails A to Z.
export function nextSort(query: URLSearchParams, column: LeadSort): { sort: LeadSort; dir: SortDir } {
  const now = currentSort(query);
  if (now.sort === column) return { sort: column, dir: now.dir === "asc" ? "desc" : "asc" };
  return { sort: column, dir: column === "email" ? "asc" : "desc" };
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
