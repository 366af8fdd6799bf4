// First start: an owner account, the default playbook and a demo site. Exactly one process does it, even when
// several start at once against one Redis: the first to claim the install marker.
//
// The marker (its value is the install's id) is written by the first start and never removed, so a store without
// it has lost its data: a running process then stops answering ready (server/readiness.ts). Only a start makes
// the first-start data, and only on a store with nothing in it; docs/operations.md has the rule.
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
  // The marker's value: a running process is ready only while the store still holds it.
  installId: string;
  // What the start found: nothing (a first start), the marker, or data without the marker (it alone was lost, or
  // the store predates it: the marker is written again and nothing else made).
  found: "empty" | "install" | "unmarked";
  // Present only on the start that created the owner: what to print, once.
  createdOwner?: { email: string; password: string; generated: boolean };
}

export const demoOriginsBase = ["http://localhost:*", "http://127.0.0.1:*"];

// The name kept since the first version, so every store made before the readiness check has it.
export const installMarker = "bootstrapped-by";

export async function bootstrap(
  store: SitesStore & PlaybooksStore & AccountsStore & SecretsStore,
  opts: BootstrapOptions,
): Promise<BootstrapResult> {
  const marked = (await store.getSecret(installMarker)) !== null;
  // Only a store with nothing in it is new: accounts or sites without the marker are an install that lost the
  // marker alone (or predates it), and a second owner must not be made there.
  const empty = !marked && (await store.countUsers()) === 0 && (await store.listSites()).length === 0;
  const nonce = randomUUID();
  const installId = await store.getOrCreateSecret(installMarker, () => nonce);
  const first = installId === nonce && empty;
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
  // Lost the claim: another process marked it meanwhile (a first start running beside this one).
  const found = first ? "empty" : marked || installId !== nonce ? "install" : "unmarked";
  return createdOwner ? { demoSite, installId, found, createdOwner } : { demoSite, installId, found };
}
