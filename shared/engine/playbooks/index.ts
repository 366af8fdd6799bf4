// The playbooks Banter ships. They are JSON like any site's, and validated the same way when loaded.

import type { Playbook } from "../playbook.ts";
import { parsePlaybook } from "../schema.ts";
import bant from "./bant.json" with { type: "json" };
import champ from "./champ.json" with { type: "json" };

function load(name: string, json: unknown): Playbook {
  const result = parsePlaybook(json);
  if (!result.ok) throw new Error(`The shipped ${name} playbook is invalid:\n${result.errors.join("\n")}`);
  return result.playbook;
}

export const defaultPlaybook = load("BANT", bant);
export const champPlaybook = load("CHAMP", champ);
