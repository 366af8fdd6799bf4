// The lead's owner and sales status (FU10-FU11): who owns it, where sales has it, and its history. Owners pick
// any teammate as the owner; a rep takes an unowned lead. The status needs a reason for rejected and lost.
import { useEffect, useState } from "preact/hooks";
import {
  type LeadCard,
  type RepUser,
  type SalesStatus,
  salesStatuses,
  statusesWithReason,
  type TeamUser,
} from "../../../shared/protocol/index.ts";
import { api } from "../shell/api.ts";

export const salesStatusLabel: Record<SalesStatus, string> = {
  new: "New",
  working: "Working",
  sql: "Accepted (SQL)",
  rejected: "Rejected",
  won: "Won",
  lost: "Lost",
};

const when = (at: number) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(at);

export function SalesPanel(props: { lead: LeadCard; user: RepUser; onChanged(lead: LeadCard): void }) {
  const { lead, user } = props;
  const sales = lead.sales;
  const [status, setStatus] = useState<SalesStatus>(sales?.status ?? "new");
  const [reason, setReason] = useState(sales?.reason ?? "");
  const [team, setTeam] = useState<TeamUser[]>([]);
  const [problem, setProblem] = useState("");
  const [saved, setSaved] = useState("");
  const owner = user.role === "owner";
  const mine = sales?.ownerId === user.id;
  const needsReason = statusesWithReason.includes(status);
  const base = `/api/conversations/${encodeURIComponent(lead.conversationId)}/sales`;

  useEffect(() => {
    if (owner) api<{ users: TeamUser[] }>("GET", "/api/users").then((r) => setTeam(r.users.filter((u) => !u.disabled)));
  }, [owner]);

  const send = async (body: object, said: string) => {
    try {
      const { lead: next } = await api<{ lead: LeadCard }>("PATCH", base, body);
      props.onChanged(next);
      setProblem("");
      setSaved(said);
    } catch (err) {
      setSaved("");
      setProblem(err instanceof Error ? err.message : "The change was not saved.");
    }
  };

  return (
    <section class="console-card" aria-labelledby="sales-heading">
      <h2 id="sales-heading">Owner and status</h2>
      <p>Owner: {sales?.ownerName ?? "nobody yet"}</p>
      {owner ? (
        <p class="sales-row">
          <label for="sales-owner">Change owner</label>{" "}
          <select
            id="sales-owner"
            value={sales?.ownerId ?? ""}
            onChange={(e) => {
              const ownerId = (e.target as HTMLSelectElement).value || null;
              void send({ ownerId }, "Owner changed.");
            }}
          >
            <option value="">Nobody</option>
            {team.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name || u.email}
              </option>
            ))}
          </select>
        </p>
      ) : (
        !sales?.ownerId && (
          <p>
            <button
              type="button"
              class="banter-button"
              onClick={() => void send({ ownerId: user.id }, "You own this lead now.")}
            >
              Take this lead
            </button>
          </p>
        )
      )}
      {(owner || mine) && (
        <form
          class="sales-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ status, ...(needsReason ? { reason } : {}) }, `Status: ${salesStatusLabel[status]}.`);
          }}
        >
          <p class="sales-row">
            <label for="sales-status">Status</label>{" "}
            <select
              id="sales-status"
              value={status}
              onChange={(e) => setStatus((e.target as HTMLSelectElement).value as SalesStatus)}
            >
              {salesStatuses.map((s) => (
                <option key={s} value={s}>
                  {salesStatusLabel[s]}
                </option>
              ))}
            </select>
          </p>
          {needsReason && (
            <p class="sales-row">
              <label for="sales-reason">Reason</label>{" "}
              <input
                id="sales-reason"
                value={reason}
                maxLength={500}
                required
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              />
            </p>
          )}
          <button type="submit" class="banter-button">
            Save status
          </button>
        </form>
      )}
      {!owner && !mine && <p>Status: {salesStatusLabel[sales?.status ?? "new"]}</p>}
      <p role="status" class="console-notice">
        {saved}
      </p>
      <p role="alert" class="console-alert">
        {problem}
      </p>
      <h3>History</h3>
      {(sales?.history.length ?? 0) === 0 ? (
        <p class="console-empty">No status changes yet.</p>
      ) : (
        <ol class="sales-history">
          {sales?.history.map((h) => (
            <li key={`${h.at}-${h.status}`}>
              {salesStatusLabel[h.status]}
              {h.reason ? ` (${h.reason})` : ""} · {when(h.at)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
