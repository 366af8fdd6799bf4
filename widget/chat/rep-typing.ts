// The rep's "is typing" as the visitor sees it. A `false` can be lost with a dropped connection, so an indicator
// that is not refreshed disappears on its own.
export const repTypingExpiryMs = 10_000;

export class RepTyping {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private name: string | null = null;

  constructor(private readonly changed: (name: string | null) => void) {}

  // name: who is typing; null: nobody (stopped, sent, or went quiet).
  set(name: string | null): void {
    clearTimeout(this.timer);
    if (name !== null) this.timer = setTimeout(() => this.set(null), repTypingExpiryMs);
    if (name === this.name) return;
    this.name = name;
    this.changed(name);
  }
}
