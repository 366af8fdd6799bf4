// The store's own life: which store it is, whether it can be reached, and closing it.
export interface StoreLife {
  readonly kind: "memory" | "redis";
  // False while the store cannot be reached (a Redis restart): callers answer UNAVAILABLE, not INTERNAL.
  isAvailable(): boolean;
  // False while what is stored cannot be kept: the embedded store's data directory refuses writes (they are kept
  // in memory and written when it takes them again). The process is not ready meanwhile.
  durable(): boolean;
  close(): Promise<void>;
}
