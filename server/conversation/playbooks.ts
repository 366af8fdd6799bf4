// The playbook versions a process's conversations run on, read once. Playbook versions never change once stored
// (store contract), so each process keeps the ones it reads: a turn then costs no Redis read, parse or validation
// of its playbook. Bounded: a process serves few versions at once.
import type { Playbook } from "../../shared/engine/index.ts";
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { PlaybooksStore } from "../store/types.ts";

const maxPlaybooksKept = 100;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function playbookCache(store: PlaybooksStore) {
  const playbooks = new Map<string, Promise<Playbook>>();
  return function playbookOf(id: string, version: number): Promise<Playbook> {
    const key = `${id}@${version}`;
    let p = playbooks.get(key);
    if (!p) {
      p = store.getPlaybook(id, version).then((found) => {
        if (!found) throw new BanterError(ErrorCode.INTERNAL, "This conversation's playbook is missing.");
        // Shared by every turn from now on: frozen, so a step that mutated it would fail loudly, not drift.
        return deepFreeze(found);
      });
      // A failed read (the store away, a missing version) is not kept: the next turn asks again.
      p.catch(() => playbooks.delete(key));
      if (playbooks.size >= maxPlaybooksKept) playbooks.delete(playbooks.keys().next().value as string);
      playbooks.set(key, p);
    }
    return p;
  };
}
