// Busy while a form's request is out: its button shows it, and a second submit meanwhile is ignored.
import { useState } from "preact/hooks";

export function useSubmit(options: { leaves?: boolean } = {}) {
  const [busy, setBusy] = useState(false);
  // A failure goes to `failed`, or on to the caller when there is none. A form that goes away when it succeeds
  // (signed in, moved to the new site, a dialog closed) stays busy until it is gone, so it is never sent twice.
  const run = async (work: () => Promise<unknown>, failed?: (err: unknown) => void): Promise<void> => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      if (!options.leaves) setBusy(false);
    } catch (err) {
      setBusy(false);
      if (!failed) throw err;
      failed(err);
    }
  };
  return { busy, run };
}
