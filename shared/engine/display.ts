// How a slot's value reads, for the lead card, score reasons and confirmations. English for now; the playbook
// carries the bot's copy, the console its own words.
import type { Currency, SlotValue } from "./understand/values.ts";

const symbols: Record<Currency, string> = { USD: "$", EUR: "€", GBP: "£" };
const levels = {
  "decision-maker": "decision maker",
  shared: "shares the decision",
  influencer: "influencer",
  "end-user": "end user",
};
const periods = { year: " per year", month: " a month", once: " one-off", unspecified: "" };

export function formatMoney(amount: number, currency: Currency): string {
  return `${symbols[currency]}${Math.round(amount).toLocaleString("en-US")}`;
}

export function display(value: SlotValue): string {
  switch (value.kind) {
    case "money": {
      const m = (n: number) => formatMoney(n, value.currency);
      const figure =
        value.bound === "range"
          ? `${m(value.min ?? value.amount)} to ${m(value.max ?? value.amount)}`
          : value.bound === "under"
            ? `under ${m(value.amount)}`
            : value.bound === "at-least"
              ? `at least ${m(value.amount)}`
              : `about ${m(value.amount)}`;
      return figure + periods[value.period];
    }
    case "authority":
      return value.title ? `${levels[value.level]} (${value.title})` : levels[value.level];
    case "timing":
      return value.label;
    case "choice":
      return value.label;
    case "text":
      return value.text;
    case "email":
      return value.email;
    case "phone":
      return value.phone;
    case "number":
      return String(value.value);
    case "none":
      return "none";
    case "unknown":
      return "not sure";
  }
}
