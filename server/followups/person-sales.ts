// P6 (shared/leads/SPEC.md): the person's owner and status go to their newest conversation, where the leads row
// reads them and the lead's page changes them. Runs after a conversation write this process won, beside the
// follow-up opener, and writes through the writer (one compare-and-set; a carry seen twice writes once).
import { carriedSales, knowsPerson, personKey } from "../../shared/leads/person.ts";
import { personConversations, personFacts } from "../conversation/person.ts";
import type { ConversationWriter } from "../conversation/writer.ts";
import type { Logger } from "../log.ts";
import type { Conversation, ConversationsStore } from "../store/types.ts";

export function createSalesCarrier(deps: { store: ConversationsStore; writer: ConversationWriter; log: Logger }) {
  const { store, writer, log } = deps;

  async function apply(before: Conversation, after: Conversation): Promise<void> {
    const facts = personFacts(after);
    if (!knowsPerson(facts)) return;
    // Only when the person becomes known: the conversation's first write after it was stored (rev 1), or the
    // write that learned its email or verified userId. Other writes cost no read here.
    const learned = personKey(personFacts(before)) !== personKey(facts);
    if (!learned && before.rev !== 1) return;
    const [newest, ...earlier] = await personConversations(store, after);
    // An older conversation learning its email leaves the newest as it is.
    if (newest?.id !== after.id) return;
    const from = earlier.find((c) => c.sales && (c.sales.ownerId || c.sales.history.length > 0));
    if (!from?.sales) return;
    const person = from.sales;
    await writer.update(after.id, (fresh) => {
      const sales = carriedSales(person, fresh.sales, from.id);
      return sales ? { ...fresh, sales } : null;
    });
  }

  return {
    // Never rejects, like the follow-up opener: a failed carry is logged, never thrown at the chat.
    written(before: Conversation, after: Conversation): Promise<void> {
      return apply(before, after).catch((err: unknown) =>
        log.error("carrying the lead's sales failed", {
          conversationId: after.id,
          err: err instanceof Error ? err.message : String(err),
        }),
      );
    },
  };
}

export type SalesCarrier = ReturnType<typeof createSalesCarrier>;
