// "The visitor is typing" for the rep, as few messages as will keep it true: `true` at most every 3 s while keys
// keep coming (the rep's side forgets an indicator that is not refreshed), `false` after 4 s without input or when
// the message is sent.
export const typingRefreshMs = 3000;
export const typingIdleMs = 4000;

export class TypingSignal {
  private on = false;
  private lastSent = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  input(): void {
    const t = this.now();
    if (!this.on || t - this.lastSent >= typingRefreshMs) {
      this.on = true;
      this.lastSent = t;
      this.emit(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), typingIdleMs);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (!this.on) return;
    this.on = false;
    this.emit(false);
  }

  // The connection dropped: the server forgets the indicator with the socket, so there is nothing to retract.
  reset(): void {
    clearTimeout(this.idle);
    this.on = false;
  }
}
