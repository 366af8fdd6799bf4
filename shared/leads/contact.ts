// Who a lead is, as far as the conversation says: a name and a company when the playbook asked for them (slots
// "name" and "company"), the email from contact capture, and otherwise a company guessed from a work email.

export interface Contact {
  name?: string;
  email?: string;
  company?: string;
  // True when the company is the email's domain rather than the visitor's own answer.
  companyGuessed?: boolean;
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

export function contactOf(answers: readonly { slot: string; answer: string }[], email?: string): Contact {
  const said = (slot: string) => answers.find((a) => a.slot === slot)?.answer.trim() || undefined;
  const contact: Contact = {};
  const name = said("name");
  if (name) contact.name = name;
  if (email) contact.email = email;
  const company = said("company");
  const guessed = company ? undefined : email && companyFromEmail(email);
  if (company) contact.company = company;
  else if (guessed) {
    contact.company = guessed;
    contact.companyGuessed = true;
  }
  return contact;
}

// Case-insensitive substring of the name, email or company; an empty query matches everyone.
export function matchesQuery(contact: Contact, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [contact.name, contact.email, contact.company].some((v) => v?.toLowerCase().includes(q));
}
