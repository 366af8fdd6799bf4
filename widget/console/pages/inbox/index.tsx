// The Inbox page: the list ("#/inbox") or one conversation ("#/inbox/<id>").
import { useEffect, useRef } from "preact/hooks";
import type { PageProps } from "../../shell/page-props.ts";
import { ConversationRecordView } from "./conversation-record.tsx";
import { InboxList } from "./inbox-list.tsx";

export function InboxPage({ route, user }: PageProps) {
  const id = route.parts[1];
  // Between the list and a conversation the page stays the same, so the console does not move focus: the new
  // heading gets it here, so a screen reader announces where the link led.
  const shown = useRef(id);
  useEffect(() => {
    if (shown.current === id) return;
    shown.current = id;
    document.getElementById("page-heading")?.focus();
  }, [id]);
  return id ? <ConversationRecordView key={id} id={id} user={user} /> : <InboxList route={route} />;
}
