// What every console page is given: where the console is, and who is signed in. Apart from pages.ts, which loads
// the pages, so a page's import of it is no circle.
import type { RepUser } from "../../../shared/protocol/index.ts";
import type { Route } from "./router.ts";

export interface PageProps {
  route: Route;
  user: RepUser;
}
