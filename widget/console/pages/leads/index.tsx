// The owner's leads: the table at "#/leads", one lead at "#/leads/<conversation id>".
import type { PageProps } from "../../shell/page-props.ts";
import { LeadDetail } from "./detail.tsx";
import { LeadsTable } from "./table.tsx";

export function LeadsPage(props: PageProps) {
  const id = props.route.parts[1];
  return id ? (
    <LeadDetail key={id} id={id} query={props.route.query} user={props.user} />
  ) : (
    <LeadsTable query={props.route.query} />
  );
}
