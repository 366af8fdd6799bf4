// The bot's words for a playbook: its own copy, or the default playbook's for a key added after it was written.
import type { Copy, Playbook } from "./playbook.ts";
import { defaultPlaybook } from "./playbooks/index.ts";

export function copyOf(playbook: Pick<Playbook, "copy">, key: keyof Copy): string {
  return playbook.copy[key] ?? defaultPlaybook.copy[key] ?? "";
}
