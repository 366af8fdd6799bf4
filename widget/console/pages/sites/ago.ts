// "3 minutes ago" for the install check; coarse on purpose (it is written at most once a minute).
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function ago(at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  if (s < 60) return "just now";
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, "minute"],
    [3600, "hour"],
    [86_400, "day"],
  ];
  let unit: [number, Intl.RelativeTimeFormatUnit] = [60, "minute"];
  for (const step of steps) if (s >= step[0]) unit = step;
  return rtf.format(-Math.floor(s / unit[0]), unit[1]);
}
