// Where a lead came from: read once, on the first page of a visit (the loader), and named for reports (leads,
// funnel filter, exports). Pure, so the loader, the server and the console agree.
import type { LeadSource } from "../protocol/index.ts";

const utmKeys = ["source", "medium", "campaign", "term", "content"] as const;
const maxLength = 2048;

// The visit's source from its landing address and document.referrer. A referrer on the landing page's own host is
// a page of the same site (a reload, an internal link), not a source.
export function readSource(landingPage: string, referrer: string): LeadSource {
  const source: LeadSource = {};
  let landing: URL;
  try {
    landing = new URL(landingPage);
  } catch {
    return source;
  }
  source.landingPage = landingPage.slice(0, maxLength);
  try {
    if (referrer && new URL(referrer).host !== landing.host) source.referrer = referrer.slice(0, maxLength);
  } catch {}
  const utm: NonNullable<LeadSource["utm"]> = {};
  for (const key of utmKeys) {
    const value = landing.searchParams.get(`utm_${key}`)?.trim();
    if (value) utm[key] = value.slice(0, 200);
  }
  if (Object.keys(utm).length > 0) source.utm = utm;
  return source;
}

// One short name per source for grouping and filtering: the UTM source, else the referrer's host, else "direct".
export function sourceLabel(source: LeadSource | undefined): string {
  const utm = source?.utm?.source?.toLowerCase();
  if (utm) return utm;
  if (source?.referrer) {
    try {
      // A referrer without a host ("about:blank", an app's scheme) names nothing: the visit counts as direct.
      const host = new URL(source.referrer).hostname.replace(/^www\./, "");
      if (host) return host;
    } catch {}
  }
  return "direct";
}
