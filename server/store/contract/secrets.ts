// Server-wide secrets shared by every process (visitor tokens, the first-start marker).

export interface SecretsStore {
  // The first caller's value wins.
  getOrCreateSecret(name: string, create: () => string): Promise<string>;
  // Null when there is none, and none is made: the readiness check must notice a marker that is gone
  // (server/readiness.ts), never write it again.
  getSecret(name: string): Promise<string | null>;
}
