// One function per kind of email: its subject, text part and HTML part. The HTML escapes every value (a visitor's
// words are untrusted), uses inline styles only (mail clients drop style sheets) and absolute links.
import type { Digest, DigestSite } from "../../shared/followups/index.ts";
import { contactOf } from "../../shared/leads/contact.ts";
import type { Author, FollowUpKind, LeadCard, RepUser } from "../../shared/protocol/index.ts";

const followUpNames: Record<FollowUpKind, string> = {
  callback: "callback",
  "missed-handoff": "missed handoff",
  "hot-uncontacted": "hot lead nobody contacted",
  "check-in": "check-in",
};

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Plain and readable: one column, system fonts, dark grey on white.
function page(title: string, body: string): string {
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#1f2937;font:15px/1.5 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">',
    `<div style="max-width:560px;margin:0 auto">${body}</div>`,
    "</body></html>",
  ].join("\n");
}

const link = (href: string, label: string) =>
  `<a href="${escapeHtml(href)}" style="color:#1d4ed8">${escapeHtml(label)}</a>`;

export function inviteEmail(v: {
  inviterName: string;
  role: RepUser["role"];
  link: string;
  expiresAt: number;
}): Rendered {
  const role = v.role === "owner" ? "an owner" : "a sales rep";
  const until = formatTime(v.expiresAt, "UTC");
  const subject = `${v.inviterName} invited you to Banter`;
  const text = [
    `${v.inviterName} invited you to join their team on Banter as ${role}.`,
    "",
    "Open this link to choose your name and password:",
    v.link,
    "",
    `The link works once and until ${until}. If you did not expect it, ignore this email.`,
  ].join("\n");
  const html = page(
    subject,
    [
      `<p>${escapeHtml(v.inviterName)} invited you to join their team on Banter as ${role}.</p>`,
      `<p>${link(v.link, "Accept the invite")}</p>`,
      `<p style="color:#4b5563;font-size:13px">Or copy this address: ${escapeHtml(v.link)}<br>`,
      `The link works once and until ${escapeHtml(until)}. If you did not expect it, ignore this email.</p>`,
    ].join("\n"),
  );
  return { subject, text, html };
}

export interface TranscriptLine {
  author: Author;
  authorName?: string;
  text: string;
  at: number;
}

const authorOf = (l: TranscriptLine) =>
  l.author === "visitor" ? "You" : l.author === "rep" ? l.authorName || "Sales rep" : l.author === "bot" ? "Bot" : "";

export function transcriptEmail(v: { siteName: string; lines: TranscriptLine[]; timeZone?: string }): Rendered {
  const zone = v.timeZone ?? "UTC";
  const subject = `Your chat with ${v.siteName}`;
  const lines = v.lines.filter((l) => l.text.trim() !== "");
  const text = [
    `Here is your chat with ${v.siteName}.`,
    "",
    ...lines.map((l) => `${authorOf(l) || "—"} (${formatTime(l.at, zone)}):\n${l.text}\n`),
  ].join("\n");
  const rows = lines.map((l) => {
    const who = authorOf(l);
    const style = l.author === "system" ? "color:#6b7280;font-style:italic" : "";
    return [
      `<p style="margin:0 0 12px;${style}">`,
      who ? `<strong>${escapeHtml(who)}</strong> ` : "",
      `<span style="color:#6b7280;font-size:12px">${escapeHtml(formatTime(l.at, zone))}</span><br>`,
      // Line breaks kept as the visitor typed them; every character escaped.
      escapeHtml(l.text).replaceAll("\n", "<br>"),
      "</p>",
    ].join("");
  });
  const html = page(subject, [`<p>Here is your chat with ${escapeHtml(v.siteName)}.</p>`, ...rows].join("\n"));
  return { subject, text, html };
}

// "Dec 5, 2026, 3:04 PM" in the visitor's time zone (UTC when unknown or invalid).
function formatTime(at: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(at);
  } catch {
    return `${new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(at)} UTC`;
  }
}

// A rep's reply to a visitor who left the chat, with the link back into the same conversation.
export function replyEmail(v: { siteName: string; repName?: string; lines: TranscriptLine[]; link: string }): Rendered {
  const who = v.repName || `The team at ${v.siteName}`;
  const subject = `${who} replied to your chat with ${v.siteName}`;
  const lines = v.lines.filter((l) => l.text.trim() !== "");
  const text = [
    `${who} replied after you left the chat:`,
    "",
    ...lines.map((l) => `${l.text}\n`),
    "Continue the conversation (this link is yours alone; it works for 30 days):",
    v.link,
  ].join("\n");
  const html = page(
    subject,
    [
      `<p>${escapeHtml(who)} replied after you left the chat:</p>`,
      ...lines.map(
        (l) =>
          `<p style="margin:0 0 12px;padding:8px 12px;background:#f3f4f6;border-radius:8px">${escapeHtml(l.text).replaceAll("\n", "<br>")}</p>`,
      ),
      `<p>${link(v.link, "Continue the conversation")}</p>`,
      '<p style="color:#4b5563;font-size:13px">This link is yours alone and works for 30 days. Reply in the chat, not to this email.</p>',
    ].join("\n"),
  );
  return { subject, text, html };
}

// Who the lead is, in one line: "Ana Lima, Acme (ana@acme.io)", as far as known.
function leadLine(lead: LeadCard): string {
  const c = contactOf(lead.answers, lead.email, lead.identity);
  const name = c.name ?? c.email ?? "A visitor";
  const company = c.company && !c.companyGuessed ? `, ${c.company}` : "";
  const email = c.email && c.email !== name ? ` (${c.email})` : "";
  const phone = lead.phone ?? lead.callback?.phone;
  return `${name}${company}${email}${phone ? `, ${phone}` : ""}`;
}

function leadFacts(lead: LeadCard): string[] {
  const q = lead.qualification;
  return [
    `Score ${q.score}, ${q.tier}${q.stage === "sql" ? ", SQL" : q.stage === "mql" ? ", MQL" : ""}`,
    ...lead.answers.map((a) => `${a.label}: ${a.answer}`),
    ...(lead.callback?.when ? [`Call back: ${lead.callback.when}`] : []),
  ];
}

function leadEmail(subject: string, opening: string, lead: LeadCard, cta: string, href: string): Rendered {
  const facts = leadFacts(lead);
  const text = [opening, "", leadLine(lead), ...facts, "", `${cta}: ${href}`].join("\n");
  const html = page(
    subject,
    [
      `<p>${escapeHtml(opening)}</p>`,
      `<p style="margin:0 0 4px"><strong>${escapeHtml(leadLine(lead))}</strong></p>`,
      `<ul style="margin:0 0 16px;padding-left:20px">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`,
      `<p>${link(href, cta)}</p>`,
    ].join("\n"),
  );
  return { subject, text, html };
}

// To the team: a hot lead asked for a person and nobody took the chat.
export function missedLeadEmail(v: { siteName: string; lead: LeadCard; link: string }): Rendered {
  return leadEmail(
    `Hot lead nobody took on ${v.siteName}: ${leadLine(v.lead)}`,
    `A hot lead on ${v.siteName} asked for a person and nobody took the chat. Follow up while it is warm.`,
    v.lead,
    "Open the conversation",
    v.link,
  );
}

// To the lead's owner (or the site's owners): a lead came back to the site after the chat and turned hot. The
// behaviour reasons say what it did ("Visited pricing 3 times").
export function reengagedLeadEmail(v: { siteName: string; lead: LeadCard; link: string }): Rendered {
  const did = v.lead.qualification.reasons.filter((r) => r.behaviour).map((r) => r.reason);
  return leadEmail(
    `Lead back and hot on ${v.siteName}: ${leadLine(v.lead)}`,
    `A lead on ${v.siteName} came back to the site after the chat and is now hot${did.length > 0 ? `: ${did.join("; ")}` : ""}. A good moment to get in touch.`,
    v.lead,
    "Open the lead",
    v.link,
  );
}

// To owners (and the lead's owner): a lead passed its speed-to-lead or follow-up target.
export function targetMissedEmail(v: {
  siteName: string;
  lead: LeadCard;
  what: "speed-to-lead" | FollowUpKind;
  link: string;
}): Rendered {
  const opening =
    v.what === "speed-to-lead"
      ? `A hot lead on ${v.siteName} is still waiting for a person past the site's speed-to-lead target. Every rep online is being rung.`
      : `A ${followUpNames[v.what]} on ${v.siteName} is past its due time and not done yet.`;
  return leadEmail(
    `${v.what === "speed-to-lead" ? "Speed-to-lead target missed" : "Follow-up overdue"} on ${v.siteName}: ${leadLine(v.lead)}`,
    opening,
    v.lead,
    "Open the conversation",
    v.link,
  );
}

// A follow-up email from the site's playbook (shared/sequences): the site's own words as text, with a visible
// unsubscribe link beside the List-Unsubscribe header (RFC 8058) the sender adds.
export function sequenceEmail(v: { subject: string; text: string; unsubscribe: string }): Rendered {
  const foot = "You got this because you gave your email in a chat on our site. Unsubscribe with one click:";
  const text = [v.text, "", "--", foot, v.unsubscribe].join("\n");
  const html = page(
    v.subject,
    [
      ...v.text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`),
      `<p style="color:#4b5563;font-size:13px;border-top:1px solid #e5e7eb;padding-top:12px">${escapeHtml(foot.replace(" with one click:", "."))} ${link(v.unsubscribe, "Unsubscribe")}</p>`,
    ].join("\n"),
  );
  return { subject: v.subject, text, html };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// One site's figures, as lines: its leads yesterday, its follow-ups now, and the most overdue.
function digestLines(s: DigestSite): { figures: string[]; overdue: string[] } {
  const l = s.leads;
  const f = s.followUps;
  const leads =
    l.count > 0
      ? ` (${l.hot} hot, ${l.qualified} qualified, ${count(l.missedHandoffs, "missed handoff")}, ${l.accepted} accepted by a rep)`
      : "";
  const open = f.open > 0 ? ` (${f.overdue} overdue, ${f.dueToday} due today)` : "";
  return {
    figures: [`Leads yesterday: ${l.count}${leads}`, `Follow-ups open: ${f.open}${open}`],
    overdue: f.topOverdue.map((o) => {
      const who = o.name && o.email ? `${o.name} (${o.email})` : (o.name ?? o.email ?? "A lead");
      return `${who}: ${followUpNames[o.kind]}`;
    }),
  };
}

// To a rep or owner who asked for it (Account, Email me): yesterday's leads and the follow-ups open now, per site
// they serve (FU15), with a link to the Follow-ups page.
export function digestEmail(v: { digest: Digest; link: string }): Rendered {
  const { day, sites } = v.digest;
  const leads = sites.reduce((n, s) => n + s.leads.count, 0);
  const overdue = sites.reduce((n, s) => n + s.followUps.overdue, 0);
  const subject = `Banter digest for ${day}: ${count(leads, "lead")}, ${count(overdue, "overdue follow-up")}`;
  const opening = `The leads of the sites you serve on ${day} (UTC), and their follow-ups open now.`;
  const text = [opening];
  const html = [`<p>${escapeHtml(opening)}</p>`];
  for (const s of sites) {
    const { figures, overdue: top } = digestLines(s);
    text.push("", s.siteName, ...figures, ...(top.length > 0 ? ["Most overdue:", ...top.map((t) => `- ${t}`)] : []));
    html.push(
      `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(s.siteName)}</h2>`,
      `<p style="margin:0 0 8px">${figures.map(escapeHtml).join("<br>")}</p>`,
      ...(top.length > 0
        ? [
            `<p style="margin:0">Most overdue:</p>`,
            `<ul style="margin:0 0 8px;padding-left:20px">${top.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul>`,
          ]
        : []),
    );
  }
  text.push("", `Open Follow-ups: ${v.link}`);
  html.push(`<p>${link(v.link, "Open Follow-ups")}</p>`);
  return { subject, text: text.join("\n"), html: page(subject, html.join("\n")) };
}
