// Said when the browser refused the ring's beep (no click or key press on this page yet): new leads would ring
// silently. The button is the click the browser waits for; the notice goes once sound is on, by it or any click.
import { useEffect, useState } from "preact/hooks";
import { enableSound, onSoundBlocked } from "./ring.ts";

export function SoundNotice() {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => onSoundBlocked(setBlocked), []);
  // The status region is always there, so screen readers hear the notice when it appears.
  return (
    <div role="status" class="desk-sound">
      {blocked && (
        <>
          <span>Sound is blocked: new leads ring silently.</span>
          <button type="button" class="console-button-quiet" onClick={() => void enableSound()}>
            Enable sound
          </button>
        </>
      )}
    </div>
  );
}
