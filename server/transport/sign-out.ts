// Ending a teammate's console tabs from HTTP (a disable, a removal, a password change, a logout). The Redis
// adapter carries the disconnect to every process.
import type { Logger } from "../log.ts";
import type { PresenceStore } from "../store/types.ts";
import type { RepNamespace } from "./rep.ts";
import { rooms } from "./rooms.ts";

// `routing`: routing/router.ts, which re-queues the chats of a rep who is gone.
export function consoleTabs(
  reps: RepNamespace,
  store: PresenceStore,
  log: Logger,
  routing: { repGone(repId: string): Promise<void> },
) {
  return {
    // Each tab must show its session again: one opened with an ended session stops receiving chats.
    reconnect(userId: string): void {
      reps.in(rooms.rep(userId)).disconnectSockets(true);
    },
    // A disabled or removed account: its tabs close, each tab's presence goes with it, and routing re-queues the
    // live chats as when a rep goes offline. Should a step fail, the tabs still expire by themselves and the
    // router's sweep re-queues the chats.
    async signOut(userId: string): Promise<void> {
      const room = reps.in(rooms.rep(userId));
      const tabs = await room.fetchSockets().catch(() => []);
      room.disconnectSockets(true);
      try {
        await Promise.all(tabs.map((t) => store.dropRepTab(userId, t.id)));
        await routing.repGone(userId);
      } catch (err) {
        log.warn("signed-out rep's chats left to the sweep", { err: err instanceof Error ? err.message : String(err) });
      }
    },
  };
}
