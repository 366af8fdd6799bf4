// The page's IANA time zone, so the rep sees the visitor's local time. Intl can be missing or report nothing in
// locked-down browsers; the join goes out without it then.
export function pageTimeZone(): string | undefined {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return typeof tz === "string" && tz.length > 0 && tz.length <= 64 ? tz : undefined;
  } catch {
    return undefined;
  }
}
