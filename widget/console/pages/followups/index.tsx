// The Follow-ups page ("#/followups"): what reps owe leads after the chat, in three groups: overdue, due today,
// upcoming (shared/followups/SPEC.md FU9). Reps see the sites they serve, their own items first; owners all.
import { useEffect, useState } from "preact/hooks";
import { dueGroupOf } from "../../../../shared/followups/index.ts";
import type { FollowUpList, FollowUpView } from "../../../../shared/protocol/index.ts";
import { useNow } from "../../common/use-now.ts";
import { api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";
import { endOfDay, kindLabel, leadLabel } from "./format.ts";
import { FollowUpRow, type RowActions, type Teammate } from "./row.tsx";

const groups = [
  { key: "overdue", title: "Overdue", empty: "Nothing overdue." },
  { key: "today", title: "Due today", empty: "Nothing else due today." },
  { key: "upcoming", title: "Upcoming", empty: "Nothing upcoming." },
] as const;

export function FollowUpsPage({ user }: PageProps) {
  const [items, setItems] = useState<FollowUpView[] | null>(null);
  const [problem, setProblem] = useState("");
  const [status, setStatus] = useState("");
  const now = useNow();

  const load = () =>
    api<FollowUpList>("GET", "/api/followups").then(
      (list) => {
        setItems(list.followUps);
        setProblem("");
      },
      (err: unknown) => setProblem(err instanceof Error ? err.message : "The follow-ups could not be loaded."),
    );
  // Owners give items to anyone on the team; reps take them.
  const [team, setTeam] = useState<Teammate[] | undefined>(undefined);
  useEffect(() => {
    void load();
    if (user.role === "owner")
      api<{ users: Teammate[] }>("GET", "/api/users").then(
        (r) => setTeam(r.users),
        () => {},
      );
  }, []);

  const act = async (v: FollowUpView, path: string, body: unknown, said: string) => {
    try {
      const { followUp } = await api<{ followUp: FollowUpView }>("POST", `/api/followups/${v.item.id}/${path}`, body);
      setItems((list) =>
        (list ?? []).flatMap((x) => (x.item.id !== v.item.id ? [x] : followUp.item.state === "open" ? [followUp] : [])),
      );
      setStatus(said);
      setProblem("");
      // The row may be gone: focus stays on the page, not lost with its button.
      if (followUp.item.state !== "open") document.getElementById("page-heading")?.focus();
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "That did not work; try again.");
    }
  };
  const what = (v: FollowUpView) => `${kindLabel[v.item.kind]} for ${leadLabel(v)}`;
  const actions: RowActions = {
    done: (v) => act(v, "done", undefined, `Done: ${what(v)}.`),
    snooze: (v, until) => act(v, "snooze", { until }, `Snoozed: ${what(v)}.`),
    take: (v) => act(v, "assign", { ownerId: user.id }, `You own ${what(v)} now.`),
    assign: (v, ownerId) => {
      const name = team?.find((t) => t.id === ownerId)?.name;
      return act(v, "assign", { ownerId }, name ? `${name} owns ${what(v)} now.` : `Nobody owns ${what(v)} now.`);
    },
  };

  const end = endOfDay(now);
  const grouped = (key: string) => (items ?? []).filter((v) => dueGroupOf(v.item, now, end) === key);

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Follow-ups
      </h1>
      <p class="inbox-hint">
        Callbacks visitors asked for, missed handoffs, hot leads nobody talked to, and warm leads to check in with.
      </p>
      <p class="fu-tools">
        <button type="button" class="console-button-quiet" onClick={() => void load()}>
          Refresh
        </button>
      </p>
      <p role="status" class="console-notice">
        {status}
      </p>
      <p role="alert" class="console-alert">
        {problem}
      </p>
      {items === null
        ? !problem && <p role="status">Loading follow-ups…</p>
        : groups.map((g) => {
            const rows = grouped(g.key);
            return (
              <section key={g.key} class="fu-group" aria-labelledby={`fu-group-${g.key}`}>
                <h2 id={`fu-group-${g.key}`}>
                  {g.title} <span class="fu-count">({rows.length})</span>
                </h2>
                {rows.length === 0 ? (
                  <p class="inbox-hint">{g.empty}</p>
                ) : (
                  <ul class="fu-list">
                    {rows.map((v) => (
                      <FollowUpRow
                        key={v.item.id}
                        v={v}
                        overdue={g.key === "overdue"}
                        now={now}
                        me={user}
                        actions={actions}
                        {...(team ? { team } : {})}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
    </section>
  );
}
