// The store's own life: which store it is, whether it can be reached, and closing it.
export interface StoreLife {
  readonly kind: "memory" | "redis";
  // False while the store cannot be reached (a Redis restart): callers answer UNAVAILABLE, not INTERNAL.
  isAvailable(): boolean;
  close(): Promise<void>;
}
