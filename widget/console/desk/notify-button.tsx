// Desktop notifications need the rep's permission, and browsers only ask in answer to a click.
import { useState } from "preact/hooks";
import { notificationsSupported } from "./ring.ts";

export function NotifyButton() {
  const [permission, setPermission] = useState(() =>
    notificationsSupported() ? Notification.permission : ("denied" as const),
  );
  if (permission !== "default") return null;
  const ask = () => {
    Notification.requestPermission()
      .then(setPermission)
      .catch(() => setPermission("denied"));
  };
  return (
    <button type="button" class="console-button-quiet" onClick={ask}>
      Enable desktop notifications
    </button>
  );
}
