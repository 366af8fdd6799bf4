// The logged-in console: a header with the pages, the connection and who is signed in; then the current page.
// The /rep socket lives here, above the pages, so offers ring and chats keep flowing on every page.
import { useEffect, useRef } from "preact/hooks";
import type { RepUser } from "../../../shared/protocol/index.ts";
import { useNow } from "../common/use-now.ts";
import { Desk } from "../desk/desk.tsx";
import { primeAudioOnGesture } from "../desk/ring.ts";
import { useRepSocket } from "../desk/use-rep-socket.ts";
import { Header } from "./header.tsx";
import { LazyPage } from "./lazy-page.tsx";
import { pageFor, pages } from "./pages.ts";
import { href, useRoute } from "./router.ts";

export function Console(props: { user: RepUser; onLogOut(): void; onUnauthorized(message: string): void }) {
  const rep = useRepSocket(props.onUnauthorized);
  const { state } = rep;
  const now = useNow();
  const route = useRoute();
  const visible = pages.filter((p) => !p.ownerOnly || props.user.role === "owner");
  const page = pageFor(route.parts[0]);
  const announcement = state.announcement;

  useEffect(primeAudioOnGesture, []);

  // A new page moves focus to its heading, so a screen reader announces where the link led. Not on first load.
  const firstPath = useRef(page?.path);
  useEffect(() => {
    if (page?.path === firstPath.current) return;
    firstPath.current = undefined;
    const t = setTimeout(() => document.getElementById("page-heading")?.focus(), 0);
    return () => clearTimeout(t);
  }, [page?.path]);

  return (
    <>
      <Header
        user={props.user}
        pages={visible}
        current={page}
        state={state}
        setStatus={rep.setStatus}
        onLogOut={props.onLogOut}
      />
      <main class="console-main">
        <div class="console-messages">
          <p role="status" class="console-notice">
            {state.notice}
          </p>
          <div class="console-alert-row">
            <p role="alert" class="console-alert">
              {state.alert}
            </p>
            {state.alert && (
              <button type="button" class="console-button-quiet" onClick={rep.dismissAlert}>
                Dismiss
              </button>
            )}
          </div>
          {/* An odd count adds a no-break space so the same text twice is still a change to announce. */}
          <p aria-live="assertive" class="banter-sr">
            {announcement && announcement.text + (announcement.count % 2 ? "\u00a0" : "")}
          </p>
        </div>
        {route.parts[0] === "invite" ? (
          // An invite link opened in a browser already signed in: it is for someone new.
          <section class="console-page" aria-labelledby="page-heading">
            <h1 id="page-heading" tabIndex={-1}>
              Invitation
            </h1>
            <p>
              This link invites a new teammate. You are signed in as {props.user.email}: log out first to accept it as
              someone else.
            </p>
            <p>
              <button type="button" class="banter-button" onClick={props.onLogOut}>
                Log out
              </button>{" "}
              <a href={href("chats")}>Go to your chats</a>
            </p>
          </section>
        ) : !page || (page.ownerOnly && props.user.role !== "owner") ? (
          <section class="console-page" aria-labelledby="page-heading">
            <h1 id="page-heading" tabIndex={-1}>
              Page not found
            </h1>
            <p>
              <a href={href("chats")}>Go to your chats</a>
            </p>
          </section>
        ) : page.load ? (
          <LazyPage page={page} route={route} user={props.user} />
        ) : (
          <Desk rep={rep} now={now} openId={route.parts[1]} />
        )}
      </main>
    </>
  );
}
