// The console's pages, in nav order. "chats" (offers and live chats) is always loaded: it must ring on any page.
// Every other page is its own chunk, loaded on first visit, so a rep's console stays small. The owner's settings
// pages sit together under one Settings menu, so the header keeps to one row.
import type { ComponentType } from "preact";
import type { PageProps } from "./page-props.ts";

export interface Page {
  // The first route segment: "#/leads".
  path: string;
  label: string;
  // Pages only a site owner sees in the nav (the server refuses their calls to anyone else anyway).
  ownerOnly?: boolean;
  // Listed under the header's Settings menu, not in its row.
  settings?: boolean;
  load?: () => Promise<ComponentType<PageProps>>;
}

export const pages: Page[] = [
  { path: "chats", label: "Chats" },
  { path: "inbox", label: "Inbox", load: () => import("../pages/inbox/index.tsx").then((m) => m.InboxPage) },
  {
    path: "followups",
    label: "Follow-ups",
    load: () => import("../pages/followups/index.tsx").then((m) => m.FollowUpsPage),
  },
  {
    path: "leads",
    label: "Leads",
    ownerOnly: true,
    load: () => import("../pages/leads/index.tsx").then((m) => m.LeadsPage),
  },
  {
    path: "funnel",
    label: "Funnel",
    ownerOnly: true,
    load: () => import("../pages/funnel/index.tsx").then((m) => m.FunnelPage),
  },
  {
    path: "sites",
    label: "Sites",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/sites/index.tsx").then((m) => m.SitesPage),
  },
  {
    path: "playbooks",
    label: "Playbooks",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/playbooks/index.tsx").then((m) => m.PlaybooksPage),
  },
  {
    path: "team",
    label: "Team",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/team/index.tsx").then((m) => m.TeamPage),
  },
  {
    path: "saved-replies",
    label: "Saved replies",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/saved-replies/index.tsx").then((m) => m.SavedRepliesPage),
  },
  {
    path: "webhooks",
    label: "Webhooks",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/webhooks/index.tsx").then((m) => m.WebhooksPage),
  },
  {
    path: "api-keys",
    label: "API keys",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/api-keys/index.tsx").then((m) => m.ApiKeysPage),
  },
  {
    path: "email",
    label: "Email",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/email/index.tsx").then((m) => m.EmailPage),
  },
  {
    path: "privacy",
    label: "Privacy",
    ownerOnly: true,
    settings: true,
    load: () => import("../pages/privacy/index.tsx").then((m) => m.PrivacyPage),
  },
  { path: "account", label: "Account", load: () => import("../pages/account/index.tsx").then((m) => m.AccountPage) },
];

export function pageFor(path: string | undefined): Page | undefined {
  return pages.find((p) => p.path === (path ?? "chats"));
}
