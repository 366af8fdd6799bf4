// A button that shows and hides a panel of links (the header's Settings menu, and the whole menu on a phone), as
// the disclosure pattern does: Escape closes it and gives focus back to its button; a click or focus anywhere
// else, or choosing a link in it, closes it too.
import { useEffect, useRef, useState } from "preact/hooks";

export function useDisclosure<Panel extends HTMLElement>(options: { focusFirst?: boolean } = {}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<Panel>(null);

  useEffect(() => {
    if (!open) return;
    // On a phone the menu covers the page: focus goes to its first link, where keyboard users continue.
    if (options.focusFirst) panel.current?.querySelector<HTMLElement>("a, button")?.focus();
    const away = (e: Event) => {
      const target = e.target as Node;
      if (!button.current?.contains(target) && !panel.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    document.addEventListener("focusin", away);
    return () => {
      document.removeEventListener("pointerdown", away);
      document.removeEventListener("focusin", away);
    };
  }, [open, options.focusFirst]);

  // On the button and the panel: an inner menu's Escape closes only that menu.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    e.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  const onClick = (e: MouseEvent) => {
    if ((e.target as Element).closest("a")) setOpen(false);
  };

  return {
    open,
    buttonProps: { ref: button, "aria-expanded": open, onClick: () => setOpen(!open), onKeyDown },
    panelProps: { ref: panel, onKeyDown, onClick },
  };
}
