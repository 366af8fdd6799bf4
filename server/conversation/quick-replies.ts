// The quick replies a visitor may click: the label each shows in the transcript, or a refusal.
import { copyOf, type Playbook, reservedValues } from "../../shared/engine/index.ts";
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";

// The label a quick reply shows in the transcript: any option of the playbook, or one the engine offers. Not
// only the current question's: a resent or stale click (a second tab) must be deduplicated or re-asked (E5).
export function quickReplyLabel(playbook: Playbook, value: string): string | undefined {
  if (value === reservedValues.yes) return playbook.copy.yes;
  if (value === reservedValues.no) return playbook.copy.no;
  if (value === reservedValues.skip) return playbook.copy.skip;
  if (value === reservedValues.human) return copyOf(playbook, "talkToPerson");
  return playbook.questions.flatMap((q) => q.options ?? []).find((o) => o.value === value)?.label;
}

export const notOnOffer = () => new BanterError(ErrorCode.BAD_REQUEST, "That quick reply is not on offer.");
