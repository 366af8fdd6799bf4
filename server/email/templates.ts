// One function per kind of email: its subject, text part and HTML part. The HTML escapes every value (a visitor's
// words are untrusted), uses inline styles only (mail clients drop style sheets) and absolute links.
import type { Author, RepUser } from "../../shared/protocol/index.ts";

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
