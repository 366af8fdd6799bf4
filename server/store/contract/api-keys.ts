// Keys for the public API, by the hash of the key.

// A key for the public API, made by an owner in the console. Only a SHA-256 hash of the key is stored; `prefix`
// (its first characters) lets people tell keys apart. A write key may also do what a read key does.
export interface ApiKey {
  id: string;
  name: string;
  scope: "read" | "write";
  hash: string;
  prefix: string;
  createdBy: string;
  createdAt: number;
  lastUsedAt?: number;
}

export interface ApiKeysStore {
  // Revoking deletes the key: it stops working at once.
  putApiKey(key: ApiKey): Promise<void>;
  findApiKey(hash: string): Promise<ApiKey | null>;
  listApiKeys(): Promise<ApiKey[]>;
  revokeApiKey(id: string): Promise<boolean>;
  // When a key was last used (callers throttle how often they record it); nothing for a revoked key.
  touchApiKey(id: string, at: number): Promise<void>;
}
