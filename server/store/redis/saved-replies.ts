import type { SavedReply } from "../../../shared/protocol/index.ts";
import { byShortcut, type SavedRepliesStore, type SavedReplyWrite } from "../contract/saved-replies.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const putSavedReply = lua("put-saved-reply-2");
const removeSavedReply = lua("remove-saved-reply-2");

export function redisSavedReplies({ client, k, run }: RedisContext): SavedRepliesStore {
  const put = async (reply: SavedReply, max: string) =>
    (await run(
      putSavedReply,
      [k.savedReplies(), k.savedReplyShortcuts()],
      [reply.id, JSON.stringify(reply), reply.shortcut, max],
    )) as SavedReplyWrite;
  return {
    addSavedReply: (reply, max) => put(reply, String(max)),
    replaceSavedReply: (reply) => put(reply, ""),
    async getSavedReply(id) {
      return parse<SavedReply>(await client.hGet(k.savedReplies(), id));
    },
    async listSavedReplies() {
      const all = Object.values(await client.hGetAll(k.savedReplies()));
      return all.map((json) => JSON.parse(json) as SavedReply).sort(byShortcut);
    },
    async removeSavedReply(id) {
      return Number(await run(removeSavedReply, [k.savedReplies(), k.savedReplyShortcuts()], [id])) === 1;
    },
  };
}
