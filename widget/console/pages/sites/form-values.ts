// The edit form's values as the owner types them (text, seconds, one period per weekday), to and from the API's
// SiteSettings, and the server's field paths mapped to the form's fields.
import type {
  FieldError,
  ReplyTime,
  SiteInput,
  SiteSettings,
  TranscriptMode,
} from "../../../../shared/protocol/index.ts";

export interface DayForm {
  open: boolean;
  from: string;
  to: string;
}

export interface SiteForm {
  name: string;
  origins: string;
  greeting: string;
  accentColor: string;
  position: "right" | "left";
  launcherLabel: string;
  displayName: string;
  avatarUrl: string;
  // "" for none, as a select holds it.
  replyTime: ReplyTime | "";
  transcripts: TranscriptMode;
  hoursOn: boolean;
  timeZone: string;
  // Index = weekday, 0 = Sunday (as the server keeps it).
  days: DayForm[];
  strategy: "round-robin" | "least-loaded";
  offerMode: "one" | "all";
  ringSeconds: string;
  maxWaitSeconds: string;
  liveSeconds: string;
  fallback: "callback" | "booking";
  bookingUrl: string;
  bookingLabel: string;
  followUpMinutes: string;
  checkInDays: string;
}

export const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// Shown Monday first, as most business weeks are written.
export const weekdayOrder = [1, 2, 3, 4, 5, 6, 0];

export const originLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export function formOf(site: SiteSettings, localTimeZone: string): SiteForm {
  const r = site.routing;
  const hours = r.businessHours;
  return {
    name: site.name,
    origins: site.allowedOrigins.join("\n"),
    greeting: site.greeting,
    accentColor: site.accentColor,
    position: site.position,
    launcherLabel: site.launcherLabel,
    displayName: site.displayName,
    avatarUrl: site.avatarUrl,
    replyTime: site.replyTime ?? "",
    transcripts: site.transcripts,
    hoursOn: Boolean(hours),
    timeZone: hours?.timeZone ?? localTimeZone,
    days: weekdays.map((_, day) => {
      const d = hours?.days.find((p) => p.day === day);
      return d
        ? { open: true, from: d.open, to: d.close }
        : { open: !hours && day > 0 && day < 6, from: "09:00", to: "17:00" };
    }),
    strategy: r.strategy,
    offerMode: r.offerMode,
    ringSeconds: String(r.ringTimeoutMs / 1000),
    maxWaitSeconds: String(r.maxWaitMs / 1000),
    liveSeconds: String(r.sla.liveMs / 1000),
    fallback: r.fallback.kind,
    bookingUrl: r.fallback.kind === "booking" ? r.fallback.url : "",
    bookingLabel: r.fallback.kind === "booking" ? r.fallback.label : "Book a call",
    followUpMinutes: String(site.followUps.targetMinutes),
    checkInDays: String(site.followUps.checkInDays),
  };
}

// Not a number: sent as null, and the server says what it expects.
const whole = (text: string) => Number(text.trim() || Number.NaN);
const ms = (seconds: string) => Math.round(Number(seconds.trim() || Number.NaN) * 1000);

// The PUT body, and which weekday each entry of routing.businessHours.days is (to place its errors).
export function inputOf(f: SiteForm): { input: SiteInput; dayAt: number[] } {
  const dayAt = f.hoursOn ? weekdayOrder.filter((d) => f.days[d]?.open) : [];
  return {
    dayAt,
    input: {
      name: f.name,
      allowedOrigins: originLines(f.origins),
      greeting: f.greeting,
      accentColor: f.accentColor,
      position: f.position,
      launcherLabel: f.launcherLabel,
      displayName: f.displayName,
      avatarUrl: f.avatarUrl,
      replyTime: f.replyTime || null,
      transcripts: f.transcripts,
      routing: {
        strategy: f.strategy,
        offerMode: f.offerMode,
        // Not a number: sent as null, and the server says what it expects.
        ringTimeoutMs: ms(f.ringSeconds),
        maxWaitMs: ms(f.maxWaitSeconds),
        sla: { liveMs: ms(f.liveSeconds) },
        fallback:
          f.fallback === "booking"
            ? { kind: "booking", url: f.bookingUrl, label: f.bookingLabel }
            : { kind: "callback" },
        businessHours: f.hoursOn
          ? {
              timeZone: f.timeZone.trim(),
              days: dayAt.map((day) => ({ day, open: f.days[day]?.from ?? "", close: f.days[day]?.to ?? "" })),
            }
          : null,
      },
      followUps: { targetMinutes: whole(f.followUpMinutes), checkInDays: whole(f.checkInDays) },
    },
  };
}

const fieldOfPath: Record<string, string> = {
  name: "name",
  allowedOrigins: "origins",
  greeting: "greeting",
  accentColor: "accentColor",
  position: "position",
  launcherLabel: "launcherLabel",
  displayName: "displayName",
  avatarUrl: "avatarUrl",
  replyTime: "replyTime",
  transcripts: "transcripts",
  "routing.strategy": "strategy",
  "routing.offerMode": "offerMode",
  "routing.ringTimeoutMs": "ringSeconds",
  "routing.maxWaitMs": "maxWaitSeconds",
  "routing.sla.liveMs": "liveSeconds",
  "routing.fallback": "fallback",
  "routing.fallback.kind": "fallback",
  "routing.fallback.url": "bookingUrl",
  "routing.fallback.label": "bookingLabel",
  "routing.businessHours.timeZone": "timeZone",
  "followUps.targetMinutes": "followUpMinutes",
  "followUps.checkInDays": "checkInDays",
};

// Errors keyed by form field id ("origins", "day-1-to"); what maps to no field is kept under "".
export function errorsByField(fields: FieldError[], dayAt: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of fields) {
    const day = /^routing\.businessHours\.days\.(\d+)\.(open|close)$/.exec(path);
    const id = day
      ? `day-${dayAt[Number(day[1])]}-${day[2] === "open" ? "from" : "to"}`
      : (fieldOfPath[path] ?? fieldOfPath[path.replace(/\.\d+$/, "")] ?? "");
    out[id] = out[id] ? `${out[id]} ${message}` : message;
  }
  return out;
}
