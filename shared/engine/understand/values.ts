// What the engine understood, as JSON-safe values. Every slot holds one of these.

export type Currency = "USD" | "EUR" | "GBP";
export type Period = "year" | "month" | "once" | "unspecified";
// about: one figure ("about 40k"); under / at-least: a bound; range: "20-30k".
export type Bound = "about" | "under" | "at-least" | "range";

export interface MoneyValue {
  kind: "money";
  // The representative figure: the amount said, a bound's figure, or a range's midpoint. In `currency`, per `period`.
  amount: number;
  min?: number;
  max?: number;
  currency: Currency;
  period: Period;
  bound: Bound;
}

export type AuthorityLevel = "decision-maker" | "shared" | "influencer" | "end-user";

export interface AuthorityValue {
  kind: "authority";
  level: AuthorityLevel;
  // The visitor's own title when they gave one ("CTO", "VP of Sales").
  title?: string;
}

export interface TimingValue {
  kind: "timing";
  // Whole days from the conversation's `now` to the deadline the visitor means ("by March": the end of March).
  days: number;
  // How it reads on the lead card: "ASAP", "this week", "by end of Q1", "in 6 weeks".
  label: string;
}

export interface ChoiceValue {
  kind: "choice";
  value: string;
  label: string;
}

export interface TextValue {
  kind: "text";
  text: string;
}

export interface EmailValue {
  kind: "email";
  email: string;
}

export interface PhoneValue {
  kind: "phone";
  // Digits with an optional leading +, e.g. "+14155550123".
  phone: string;
}

export interface NumberValue {
  kind: "number";
  value: number;
}

// "No budget yet", "just researching", "no timeline": an answer that says there is none.
export interface NoneValue {
  kind: "none";
}

// "Not sure", "don't know": answered, but nothing known.
export interface UnknownValue {
  kind: "unknown";
}

export type SlotValue =
  | MoneyValue
  | AuthorityValue
  | TimingValue
  | ChoiceValue
  | TextValue
  | EmailValue
  | PhoneValue
  | NumberValue
  | NoneValue
  | UnknownValue;

// One extractor's reading of a text. `sure: false` makes the bot confirm ("Just to check: about $40,000?").
export interface Reading<V extends SlotValue = SlotValue> {
  value: V;
  sure: boolean;
}
