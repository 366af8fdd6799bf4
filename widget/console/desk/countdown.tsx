// How long an offer keeps ringing this rep before it moves on. The seconds tick visually only: a screen reader
// hears the time once, politely, instead of every second.
import { useEffect, useState } from "preact/hooks";

// Long enough for the region to be in the accessibility tree before its text changes (else nothing is read).
const announceDelayMs = 400;

function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

export function Countdown(props: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  const [said, setSaid] = useState("");
  const left = secondsLeft(props.expiresAt, now);

  // Stops once expired: the server withdraws the offer then, and nothing is left to count.
  useEffect(() => {
    if (left === 0) return;
    const tick = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(tick);
  }, [now, left]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const s = secondsLeft(props.expiresAt, Date.now());
      if (s > 0) setSaid(`This offer rings for ${s} seconds, then moves to another rep.`);
    }, announceDelayMs);
    return () => clearTimeout(timer);
  }, [props.expiresAt]);

  return (
    <p class="offer-countdown" data-urgent={left <= 10 ? "true" : undefined}>
      <span aria-hidden="true">{left > 0 ? `Rings for ${left} s` : "Moving to another rep…"}</span>
      <span role="status" class="banter-sr">
        {said}
      </span>
    </p>
  );
}
