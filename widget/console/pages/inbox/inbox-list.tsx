// "#/inbox?view=queued&q=acme": every conversation the user may see, by view, searchable, newest activity first.
// The view and search live in the route, so a reload or a shared link shows the same list.
import { useEffect, useState } from "preact/hooks";
import { inboxViews } from "../../../../shared/leads/inbox.ts";
import type { ConversationList, ConversationSummary, InboxView } from "../../../../shared/protocol/index.ts";
import { useNow } from "../../common/use-now.ts";
import { tierLabel } from "../../lead/labels.ts";
import { href, navigate, type Route } from "../../shell/router.ts";
import { listConversations } from "./inbox-api.ts";
import { ago, isView, statusLabel, viewLabel, whoLabel } from "./labels.ts";

function inboxHref(view: InboxView | undefined, q: string): string {
  const params = new URLSearchParams();
  if (view) params.set("view", view);
  if (q) params.set("q", q);
  const search = params.toString();
  return `${href("inbox")}${search ? `?${search}` : ""}`;
}

type Loaded = { state: "loading" } | { state: "failed"; message: string } | { state: "ready"; list: ConversationList };

export function InboxList(props: { route: Route }) {
  const rawView = props.route.query.get("view");
  const view = isView(rawView) ? rawView : undefined;
  const q = props.route.query.get("q") ?? "";
  const now = useNow();
  const [search, setSearch] = useState(q);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [more, setMore] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    let current = true;
    setLoaded((l) => (l.state === "ready" ? l : { state: "loading" }));
    listConversations({ ...(view ? { view } : {}), q }).then(
      (list) => current && setLoaded({ state: "ready", list }),
      (err: Error) => current && setLoaded({ state: "failed", message: err.message }),
    );
    return () => {
      current = false;
    };
  }, [view, q, attempt]);

  const loadMore = async () => {
    if (loaded.state !== "ready" || !loaded.list.next) return;
    setMore({ busy: true });
    try {
      const page = await listConversations({ ...(view ? { view } : {}), q, cursor: loaded.list.next });
      const conversations = [...loaded.list.conversations, ...page.conversations];
      setLoaded({ state: "ready", list: { ...page, conversations } });
      setMore({ busy: false });
    } catch (err) {
      setMore({ busy: false, error: (err as Error).message });
    }
  };

  const counts = loaded.state === "ready" ? loaded.list.counts : undefined;
  const total = counts ? inboxViews.reduce((n, v) => n + counts[v], 0) : undefined;
  const countText = (n: number | undefined) => (n === undefined ? "" : ` (${n})`);

  return (
    <section class="console-page inbox" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Inbox
      </h1>
      <nav aria-label="Inbox views" class="inbox-views">
        <ul>
          <li>
            <a href={inboxHref(undefined, q)} aria-current={view === undefined ? "page" : undefined}>
              All{countText(total)}
            </a>
          </li>
          {inboxViews.map((v) => (
            <li key={v}>
              <a href={inboxHref(v, q)} aria-current={view === v ? "page" : undefined}>
                {viewLabel[v]}
                {countText(counts?.[v])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="inbox-tools">
        <form
          aria-label="Search conversations"
          class="inbox-search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(inboxHref(view, search.trim()));
          }}
        >
          <label for="inbox-search">Search by name, email or company</label>
          <input
            id="inbox-search"
            type="search"
            value={search}
            maxLength={200}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <button type="submit" class="banter-button">
            Search
          </button>
        </form>
        <button type="button" class="console-button-quiet" onClick={() => setAttempt((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <p role="status" class="inbox-status">
        {loaded.state === "loading"
          ? "Loading conversations…"
          : loaded.state === "ready"
            ? `${loaded.list.conversations.length}${loaded.list.next ? "+" : ""} conversations${q ? ` matching “${q}”` : ""}`
            : ""}
      </p>
      {loaded.state === "failed" && <p role="alert">{loaded.message}</p>}
      {loaded.state === "ready" &&
        (loaded.list.conversations.length === 0 ? (
          <p class="console-empty">No conversations here.</p>
        ) : (
          <ul class="inbox-list" aria-label="Conversations">
            {loaded.list.conversations.map((c) => (
              <InboxRow key={c.id} c={c} now={now} />
            ))}
          </ul>
        ))}
      {loaded.state === "ready" && loaded.list.next && (
        <button type="button" class="banter-button" disabled={more.busy} onClick={loadMore}>
          {more.busy ? "Loading…" : "Show more"}
        </button>
      )}
      {more.error && <p role="alert">{more.error}</p>}
    </section>
  );
}

function InboxRow({ c, now }: { c: ConversationSummary; now: number }) {
  const who = whoLabel(c);
  return (
    <li class="inbox-row" data-status={c.status}>
      <a href={href("inbox", c.id)} class="inbox-row-who">
        {who}
      </a>
      {c.email && c.email !== who && <span class="inbox-row-meta">{c.email}</span>}
      {c.company && <span class="inbox-row-meta">{c.company}</span>}
      <span class="inbox-row-meta">{c.siteName}</span>
      <span class="tier-badge" data-tier={c.tier}>
        {tierLabel[c.tier]}
      </span>
      <span class="inbox-row-status">{statusLabel[c.status]}</span>
      <time class="inbox-row-meta" dateTime={new Date(c.updatedAt).toISOString()}>
        {ago(c.updatedAt, now)}
      </time>
      {c.preview && <span class="inbox-row-preview">{c.preview.text}</span>}
    </li>
  );
}
