// Whether the rep can be looking at the page: the tab is visible and the window has focus. A conversation open
// in a background tab or behind another window is not read, so its messages stay unread and the visitor does not
// see "Read" for words nobody saw.
import { useEffect, useState } from "preact/hooks";

function attentive(): boolean {
  return document.visibilityState === "visible" && document.hasFocus();
}

export function useAttention(): boolean {
  const [value, setValue] = useState(attentive);
  useEffect(() => {
    const update = () => setValue(attentive());
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    document.addEventListener("visibilitychange", update);
    update();
    return () => {
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
      document.removeEventListener("visibilitychange", update);
    };
  }, []);
  return value;
}
