// P5: copy keys added after version 1 of the format are optional, so a playbook stored before them still parses;
// the bot then says the default playbook's words rather than nothing.
import type { Copy } from "./playbook.ts";
import { defaultPlaybook } from "./playbooks/index.ts";
import { copyKeys, laterCopyKeys } from "./schema.ts";

// Every key but humanLater, whose absence means "say human" (E8), not "say the default".
export type CopyKey = (typeof copyKeys)[number] | (typeof laterCopyKeys)[number];

const fallback = Object.fromEntries(
  [...copyKeys, ...laterCopyKeys].map((k) => {
    const words = defaultPlaybook.copy[k];
    if (words === undefined) throw new Error(`The shipped BANT playbook has no copy.${k}`);
    return [k, words];
  }),
) as Record<CopyKey, string>;

export function copyOf(playbook: { copy: Copy }, key: CopyKey): string {
  return playbook.copy[key] ?? fallback[key];
}
