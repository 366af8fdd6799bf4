// The console's header: the pages (the owner's settings pages under one Settings menu), the connection, the rep's
// status and who is signed in. Under 1100 px wide the pages fold into a Menu button (console.css); the connection,
// the status and Log out stay in sight.
import type { RepUser } from "../../../shared/protocol/index.ts";
import type { ConsoleState } from "../desk/console-state.ts";
import type { MyStatus } from "../desk/presence.ts";
import { StatusToggle } from "../desk/status-toggle.tsx";
import type { Page } from "./pages.ts";
import { href } from "./router.ts";
import { useDisclosure } from "./use-disclosure.ts";

const connectionText = { connecting: "Connecting…", online: "Online", reconnecting: "Reconnecting…" } as const;

interface HeaderProps {
  user: RepUser;
  pages: Page[];
  current: Page | undefined;
  state: ConsoleState;
  setStatus(status: MyStatus): void;
  onLogOut(): void;
}

export function Header(props: HeaderProps) {
  const { state, current } = props;
  const menu = useDisclosure<HTMLDivElement>({ focusFirst: true });
  const settings = useDisclosure<HTMLUListElement>();
  const link = (p: Page) => (
    <li key={p.path}>
      <a href={href(p.path)} aria-current={p === current ? "page" : undefined}>
        {p.label}
        {p.path === "chats" && state.offers.length > 0 && (
          <span class="console-nav-badge"> ({state.offers.length} ringing)</span>
        )}
      </a>
    </li>
  );
  const inSettings = props.pages.filter((p) => p.settings);

  return (
    <header class="console-header">
      <button
        type="button"
        class="console-button-quiet console-menu-button"
        aria-controls="console-menu"
        {...menu.buttonProps}
      >
        Menu
      </button>
      <p class="console-brand">Banter</p>
      <div id="console-menu" class="console-menu" data-open={menu.open || undefined} {...menu.panelProps}>
        <nav aria-label="Console" class="console-nav">
          <ul>
            {props.pages.filter((p) => !p.settings && p.path !== "account").map(link)}
            {inSettings.length > 0 && (
              <li class="console-nav-group" data-current={current?.settings || undefined}>
                <button type="button" aria-controls="console-settings" {...settings.buttonProps}>
                  Settings <span aria-hidden="true">▾</span>
                </button>
                <ul id="console-settings" hidden={!settings.open} {...settings.panelProps}>
                  {inSettings.map(link)}
                </ul>
              </li>
            )}
            {props.pages.filter((p) => p.path === "account").map(link)}
          </ul>
        </nav>
      </div>
      <p class="console-connection" role="status" data-connection={state.connection}>
        {connectionText[state.connection]}
      </p>
      {state.me && state.status && <StatusToggle status={state.status} onChange={props.setStatus} />}
      <p class="console-me">{props.user.name || props.user.email}</p>
      <button type="button" class="console-button-quiet console-logout" onClick={props.onLogOut}>
        Log out
      </button>
    </header>
  );
}
