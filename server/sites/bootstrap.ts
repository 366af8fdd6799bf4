// First start: an owner account, the default playbook and a demo site. Exactly one process does it, even when
// several start at once against one Redis: the first to claim the bootstrap marker.
import { randomBytes, randomUUID } from "node:crypto";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import { hashPassword } from "../auth/passwords.ts";
import type { AccountsStore, PlaybooksStore, SecretsStore, Site, SitesStore } from "../store/types.ts";
import { defaultAccent, newSiteKey } from "./create.ts";
import { newIdentitySecret } from "./identity.ts";

export interface BootstrapOptions {
  ownerEmail: string;
  ownerPassword?: string;
  // Added to the demo site's allowed origins, besides localhost and 127.0.0.1 on any port.
  demoOrigins: string[];
  now: number;
}

export interface BootstrapResult {
  demoSite: Site;
  // Present only on the start that created the owner: what to print, once.
  createdOwner?: { email: string; password: string; generated: boolean };
}

export const demoOriginsBase = ["http://localhost:*", "http://127.0.0.1:*"];

export async function bootstrap(
  store: SitesStore & PlaybooksStore & AccountsStore & SecretsStore,
  opts: BootstrapOptions,
): Promise<BootstrapResult> {
  const nonce = randomUUID();
  const first = (await store.getOrCreateSecret("bootstrapped-by", () => nonce)) === nonce;
  const demoKey = await store.getOrCreateSecret("demo-site-key", newSiteKey);
  let createdOwner: BootstrapResult["createdOwner"];

  if (first) {
    await store.putPlaybook(defaultPlaybook);
    const password = opts.ownerPassword || randomBytes(12).toString("base64url");
    await store.putUser({
      id: randomUUID(),
      email: opts.ownerEmail,
      name: "Owner",
      role: "owner",
      passwordHash: await hashPassword(password),
      createdAt: opts.now,
    });
    createdOwner = { email: opts.ownerEmail, password, generated: !opts.ownerPassword };
  }

  const existing = await store.getSite(demoKey);
  const demoSite: Site = {
    key: demoKey,
    name: "Demo site",
    greeting: defaultPlaybook.copy.greeting,
    accentColor: defaultAccent,
    playbookId: defaultPlaybook.id,
    playbookVersion: defaultPlaybook.version,
    createdAt: opts.now,
    identitySecret: newIdentitySecret(),
    ...existing,
    // Owners edit the origins in the console, so the local defaults are only where a new demo site starts; the
    // env's origins (BANTER_DEMO_ORIGINS) are added at every start, as configured.
    allowedOrigins: [...new Set([...(existing?.allowedOrigins ?? demoOriginsBase), ...opts.demoOrigins])],
  };
  await store.putSite(demoSite);
  return createdOwner ? { demoSite, createdOwner } : { demoSite };
}
