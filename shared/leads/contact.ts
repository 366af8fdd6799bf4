// Who a lead is, as far as the conversation says: a name and a company when the playbook asked for them (slots
// "name" and "company"), the email from contact capture, and otherwise a company guessed from a work email. What
// the bot did not collect comes from the host page's identify() call, when it made one.
import type { LeadCard, VisitorIdentity } from "../protocol/index.ts";

export interface Contact {
  name?: string;
  email?: string;
  company?: string;
  // The number the visitor gave the bot, or left for a callback after a missed handoff.
  phone?: string;
  // True when the company is the email's domain rather than the visitor's own answer.
  companyGuessed?: boolean;
  // True when the name or email is the host page's claim that the site's secret did not verify: the visitor
  // could have typed anyone's.
  unverified?: boolean;
}

// Personal mailboxes say nothing about an employer. Lower case, without "@".
const freeMail = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "ymail.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
  "fastmail.com",
  "hey.com",
  "qq.com",
  "163.com",
]);

export function isFreeMail(domain: string): boolean {
  const d = domain.toLowerCase();
  // yahoo.co.uk, hotmail.fr, outlook.de: the big providers under any country ending.
  return freeMail.has(d) || /^(yahoo|hotmail|outlook|live|gmx)\.[a-z.]+$/.test(d);
}

// "ana@sales.acme.io" -> "sales.acme.io"; nothing for free mail or a malformed address.
export function companyFromEmail(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  const domain =
    at > 0
      ? email
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : "";
  if (!domain.includes(".") || isFreeMail(domain)) return undefined;
  return domain;
}

export function contactOf(
  answers: readonly { slot: string; answer: string }[],
  captured?: string,
  identity?: VisitorIdentity,
): Contact {
  const said = (slot: string) => answers.find((a) => a.slot === slot)?.answer.trim() || undefined;
  const contact: Contact = {};
  // What the visitor told the bot comes first: it is what they want to be reached at.
  const saidName = said("name");
  const name = saidName ?? identity?.name;
  const email = captured ?? identity?.email;
  if (name) contact.name = name;
  if (email) contact.email = email;
  const fromIdentity = (!saidName && identity?.name) || (!captured && identity?.email);
  if (fromIdentity && !identity?.verified) contact.unverified = true;
  const company = said("company");
  const guessed = company ? undefined : email && companyFromEmail(email);
  if (company) contact.company = company;
  else if (guessed) {
    contact.company = guessed;
    contact.companyGuessed = true;
  }
  return contact;
}

// A lead card's contact: its answers, captured email and identity, and its phone.
export function leadContact(lead: LeadCard): Contact {
  const contact = contactOf(lead.answers, lead.email, lead.identity);
  const phone = lead.phone ?? lead.callback?.phone;
  return phone ? { ...contact, phone } : contact;
}
