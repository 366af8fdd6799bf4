// How a new hot lead gets a rep's attention outside the page: a short beep and a desktop notification. Both are
// niceties: browsers may refuse either, and a refusal must never break the console.
import type { LeadCard } from "../../../shared/protocol/index.ts";

type AudioCtor = typeof AudioContext;

let audio: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  if (audio) return audio;
  const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as
    | AudioCtor
    | undefined;
  if (!Ctor) return undefined;
  try {
    audio = new Ctor();
  } catch {
    return undefined;
  }
  return audio;
}

// Autoplay rules keep an AudioContext suspended until the page has had a user gesture, and an offer usually
// rings long after the last one, so the context is created and resumed on the first click or key press.
export function primeAudioOnGesture(): () => void {
  const prime = () => {
    audioContext()
      ?.resume()
      .catch(() => {});
  };
  window.addEventListener("pointerdown", prime, { once: true });
  window.addEventListener("keydown", prime, { once: true });
  return () => {
    window.removeEventListener("pointerdown", prime);
    window.removeEventListener("keydown", prime);
  };
}

// Whether the browser refused the last beep. A console reloaded (or opened by a link) has had no click or key press
// yet, and autoplay rules keep its audio off until it has: the desk then says so, with a button (sound-notice.tsx).
let blocked = false;
const listeners = new Set<(blocked: boolean) => void>();

function setBlocked(value: boolean): void {
  if (value === blocked) return;
  blocked = value;
  for (const listener of listeners) listener(value);
}

export function onSoundBlocked(listener: (blocked: boolean) => void): () => void {
  listeners.add(listener);
  listener(blocked);
  return () => {
    listeners.delete(listener);
  };
}

export function beep(): void {
  try {
    const ctx = audioContext();
    if (!ctx) return;
    if (ctx.state !== "running") {
      // Refused, resume() neither plays nor fails: it waits for the page's next click or key press, then sound is on.
      // No tone is queued meanwhile: a pile of late beeps would go off at that click.
      setBlocked(true);
      ctx.resume().then(
        () => setBlocked(false),
        () => {},
      );
      return;
    }
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t = ctx.currentTime;
    osc.type = "sine";
    osc.frequency.setValueAtTime(880, t);
    osc.frequency.setValueAtTime(1320, t + 0.12);
    gain.gain.setValueAtTime(0.15, t);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.3);
  } catch {
    // Audio is best effort.
  }
}

// The notice's button: a click is the gesture the browser waits for. One beep says that sound is on now.
export async function enableSound(): Promise<void> {
  await audioContext()?.resume();
  setBlocked(false);
  beep();
}

export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

export function notifyDesktop(lead: LeadCard): void {
  if (!notificationsSupported() || Notification.permission !== "granted") return;
  try {
    // The tag makes a re-sent offer replace its notification instead of stacking a second one.
    const n = new Notification(`New hot lead from ${lead.siteName}`, {
      body: lead.email ?? `Score ${lead.qualification.score}`,
      tag: `banter-offer-${lead.conversationId}`,
    });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers (Chrome on Android) only allow notifications from a service worker.
  }
}

export function ring(lead: LeadCard): void {
  beep();
  notifyDesktop(lead);
}
