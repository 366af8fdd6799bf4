// Behaviour reports over HTTP (POST /api/sites/:key/activity, ActivityRequest) once the visitor has a visitor
// token: batched a few seconds after the last page or event, and at once as the page goes away (keepalive). What
// the server accepted is removed; the rest waits for the next report. Without a token, nothing is sent: the chat
// app's first join carries what is stored.

import { readVisit } from "../../shared/engage/visit.ts";
import {
  type ActivityRequest,
  behaviourStorage,
  type PageView,
  type TrackedEvent,
} from "../../shared/protocol/behaviour.ts";
import { store } from "../loader/storage.ts";

export const reportDelayMs = 3000;

type Read = <T>(name: string, fallback: T) => T;

export function reporter(key: string, url: string, read: Read, save: (name: string, v: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const list = <T>(name: string): T[] => {
    const v = read<unknown>(name, []);
    return Array.isArray(v) ? v : [];
  };

  const send = (keepalive: boolean) => {
    clearTimeout(timer);
    const visitorToken = store(`${key}visitor`);
    const visit = readVisit(read(behaviourStorage.visit, null));
    const pages = list<PageView>(behaviourStorage.unreported);
    const events = list<TrackedEvent>(behaviourStorage.events);
    if (!visitorToken || !visit || !(pages.length + events.length)) return;
    const body: ActivityRequest = { visitorToken, visit, pages, events };
    const sent = new Set([...pages, ...events].map((x) => JSON.stringify(x)));
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      keepalive,
    })
      .then((res) => {
        if (!res.ok) return;
        // Only what this report carried: pages and events added while it was on its way stay for the next one.
        for (const name of [behaviourStorage.unreported, behaviourStorage.events]) {
          save(
            name,
            list(name).filter((x) => !sent.has(JSON.stringify(x))),
          );
        }
      })
      .catch(() => {});
  };

  // report() batches; report(true) sends now (the page is going away).
  return (now = false) => {
    clearTimeout(timer);
    if (now) send(true);
    else timer = setTimeout(() => send(false), reportDelayMs);
  };
}
