// A new site: a fresh key, and its own copy of the default playbook (without the sample answers) as version 1, so editing one site's playbook
// never changes another's. Used by the first start (the demo site) and by owners in the console.
import { randomBytes } from "node:crypto";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { PlaybooksStore, Site, SitesStore } from "../store/types.ts";
import { newIdentitySecret } from "./identity.ts";

export const newSiteKey = () => `site_${randomBytes(9).toString("base64url")}`;

export const defaultAccent = "#4f46e5";

export async function createSite(
  store: SitesStore & PlaybooksStore,
  fields: Pick<Site, "name" | "allowedOrigins"> & Partial<Omit<Site, "key" | "playbookId" | "playbookVersion">>,
  now: number,
): Promise<Site> {
  // Playbook ids are lower-case; site keys are not, so the copy gets its own random id. The default playbook's
  // answers are samples about Banter itself, for the demo page: a customer's site starts with none, or its
  // visitors would be told Banter's prices. Its owner adds its own (or turns visitors' questions into answers).
  const { answers: _samples, ...base } = structuredClone(defaultPlaybook);
  const playbook = { ...base, id: `site-${randomBytes(8).toString("hex")}`, version: 1 };
  if (fields.greeting) playbook.copy.greeting = fields.greeting;
  await store.putPlaybook(playbook);
  const site: Site = {
    greeting: playbook.copy.greeting,
    accentColor: defaultAccent,
    createdAt: now,
    ...fields,
    key: newSiteKey(),
    identitySecret: newIdentitySecret(),
    playbookId: playbook.id,
    playbookVersion: playbook.version,
  };
  await store.putSite(site);
  return site;
}
