// What routing adds to a rep's day: being available or away, declining an offer, and handing a live conversation
// to a teammate.
import type { Dispatch } from "preact/hooks";
import { ErrorCode, type RepPresence } from "../../../shared/protocol/index.ts";
import { request } from "../../transport/socket.ts";
import { leadName } from "../lead/labels.ts";
import type { Action, ConsoleState } from "./console-state.ts";
import { type MyStatus, saveStatus } from "./presence.ts";
import { codeOf, type Link, messageOf, type Ref, type Run } from "./run.ts";

// The lead is gone already (taken, withdrawn, ended): declining it is moot, so the card just goes.
const gone: string[] = [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.CLOSED, ErrorCode.FORBIDDEN];

export function routingActions(
  linkRef: Ref<Link | undefined>,
  stateRef: Ref<ConsoleState>,
  dispatch: Dispatch<Action>,
  run: Run,
) {
  // The choice is kept first, so it holds even when it cannot be sent now: every (re)connect sends it again.
  const setStatus = async (status: MyStatus) => {
    const me = stateRef.current.me;
    if (!me) return;
    saveStatus(me.id, status);
    dispatch({ type: "status", status });
    if (!linkRef.current?.socket.connected) return;
    await run(
      async (socket) => {
        await request(socket, "presence:set", { status });
        return undefined;
      },
      (err) => ({ type: "alert", text: `Your status was not saved: ${messageOf(err)}` }),
    );
  };

  const loadTeam = () => run(async (socket) => ({ type: "team", reps: (await request(socket, "team:get", {})).reps }));

  const decline = (conversationId: string) =>
    run(
      async (socket) => {
        await request(socket, "offer:decline", { conversationId });
        return { type: "offer-removed", conversationId };
      },
      (err) =>
        gone.includes(codeOf(err) ?? "")
          ? { type: "offer-removed", conversationId, notice: "This lead is no longer waiting" }
          : { type: "alert", text: messageOf(err) },
    );

  // Resolves to the reason it failed, shown in the transfer dialog, or undefined once the conversation is handed
  // over (it then leaves this rep's list).
  const transfer = async (conversationId: string, to: RepPresence): Promise<string | undefined> => {
    const socket = linkRef.current?.socket;
    if (!socket?.connected) return "You are offline. Try again once the console is back online.";
    try {
      await request(socket, "conversation:transfer", { conversationId, toRepId: to.repId });
    } catch (err) {
      // The teammate's state changed under us (away, full): show the list as it is now.
      void loadTeam();
      return messageOf(err);
    }
    if (linkRef.current?.socket !== socket) return undefined;
    const chat = stateRef.current.chats.find((c) => c.lead.conversationId === conversationId);
    const who = chat ? leadName(chat.lead) : "the visitor";
    dispatch({ type: "chat-removed", conversationId, notice: `Conversation with ${who} transferred to ${to.name}` });
    return undefined;
  };

  return { setStatus, loadTeam, decline, transfer };
}
