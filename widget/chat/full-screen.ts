// On a phone the panel covers the page (loader/styles.ts), so it behaves as a modal dialog (WAI-ARIA APG): Tab and
// Shift+Tab wrap inside it, since whatever lies behind cannot be seen. Beside the page, on a wider screen, it is a
// non-modal popover and Tab moves on to the page. Escape is the loader's (it owns the launcher focus returns to).
import { useEffect, useState } from "preact/hooks";
import { fullScreen } from "../ui/full-screen.ts";

export function useFullScreen(): boolean {
  const [full, setFull] = useState(() => matchMedia(fullScreen).matches);
  useEffect(() => {
    const query = matchMedia(fullScreen);
    const change = () => setFull(query.matches);
    query.addEventListener("change", change);
    return () => query.removeEventListener("change", change);
  }, []);
  return full;
}

const tabbable = "a[href],button:not([disabled]),input:not([disabled]),textarea:not([disabled]),[tabindex='0']";

// A keydown handler for the dialog: Tab past its last control goes to the first, Shift+Tab before the first to the last.
export function wrapTab(e: KeyboardEvent, dialog: HTMLElement): void {
  if (e.key !== "Tab") return;
  const all = dialog.querySelectorAll<HTMLElement>(tabbable);
  const first = all[0];
  const last = all[all.length - 1];
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  const to = e.shiftKey ? (active === first ? last : null) : active === last ? first : null;
  if (!to) return;
  e.preventDefault();
  to.focus();
}
