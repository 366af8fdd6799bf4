// How the team page's lists report what happened: on the page's status line, or its alert.
export interface Feedback {
  said(text: string): void;
  failed(err: unknown): void;
}
