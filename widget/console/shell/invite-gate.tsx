// Signed out on an invite link ("#/invite/<token>"): the invite page, loaded as its own chunk because only a new
// teammate ever sees it.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { LoginResult } from "../../../shared/protocol/index.ts";
import { loadPageStyles } from "./page-styles.ts";

type InviteProps = { token: string; onJoined(result: LoginResult): void };

export function InviteGate(props: InviteProps) {
  const [Page, setPage] = useState<ComponentType<InviteProps> | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    Promise.all([import("../pages/invite/index.tsx"), loadPageStyles()]).then(
      ([m]) => setPage(() => m.InvitePage),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <p role="alert">This page could not be loaded. Reload to try again.</p>;
  if (!Page) return <p role="status">Loading…</p>;
  return <Page {...props} />;
}
