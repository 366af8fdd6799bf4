// The install check: the last time the widget loaded for this site, and on which page.
import type { WidgetLoad } from "../../../../shared/protocol/index.ts";
import { useNow } from "../../common/use-now.ts";
import { ago } from "./ago.ts";

export function InstallStatus(props: { lastLoad: WidgetLoad | null }) {
  const now = useNow(30_000);
  const load = props.lastLoad;
  if (!load) return <span>Not installed yet — paste the snippet into your pages.</span>;
  return (
    <span>
      Last loaded <time dateTime={new Date(load.at).toISOString()}>{ago(load.at, now)}</time> on{" "}
      <span class="console-install-page">{load.page}</span>
    </span>
  );
}
