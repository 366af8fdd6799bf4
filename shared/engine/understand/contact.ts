// U4: contact details.
import type { EmailValue, PhoneValue, Reading } from "./values.ts";

const emailPattern = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const phonePattern = /(?:\+\s*)?\(?\d[\d\s().-]{5,}\d/g;
// A figure with a currency beside it is an amount ("1.500.000 EUR", "€ 2 500 000"), never a phone number.
const currencyBefore = /(?:[$€£]|\b(?:usd|eur|gbp))\s*$/i;
const currencyAfter = /^\s*(?:[$€£]|(?:usd|eur|gbp|euros?|dollars?|pounds?)\b)/i;

export function extractEmail(text: string): Reading<EmailValue> | null {
  const m = emailPattern.exec(text);
  return m ? { value: { kind: "email", email: m[0].toLowerCase() }, sure: true } : null;
}

export function extractPhone(text: string): Reading<PhoneValue> | null {
  for (const m of text.matchAll(phonePattern)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, "");
    // 7 to 15 digits (E.164); an amount ("40,000") or a date ("2026-11-26") is not a phone number.
    if (digits.length < 7 || digits.length > 15) continue;
    if (/^\d{1,3}(,\d{3})+$/.test(raw.trim()) || /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) continue;
    const at = m.index ?? 0;
    const before = text.slice(Math.max(0, at - 4), at);
    if (currencyBefore.test(before) || currencyAfter.test(text.slice(at + raw.length, at + raw.length + 9))) continue;
    const plus = raw.trimStart().startsWith("+") ? "+" : "";
    return { value: { kind: "phone", phone: plus + digits }, sure: true };
  }
  return null;
}
