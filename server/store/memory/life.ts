import type { StoreLife } from "../contract/life.ts";

export function memoryLife(): StoreLife {
  return {
    kind: "memory",
    isAvailable: () => true,
    durable: () => true,
    async close() {},
  };
}
