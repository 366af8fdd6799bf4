// Server-wide secrets shared by every process (visitor tokens, the first-start marker).

export interface SecretsStore {
  // The first caller's value wins.
  getOrCreateSecret(name: string, create: () => string): Promise<string>;
}
