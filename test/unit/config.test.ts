import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";

describe("configuration from the environment", () => {
  it("keeps conversations 90 days unless RETENTION_DAYS says otherwise, and refuses nonsense", () => {
    expect(readConfig({}).retentionDays).toBe(90);
    expect(readConfig({ RETENTION_DAYS: "30" }).retentionDays).toBe(30);
    for (const bad of ["0", "-1", "1.5", "forever", "4000"]) {
      expect(() => readConfig({ RETENTION_DAYS: bad }), bad).toThrow(/RETENTION_DAYS/);
    }
  });

  it("keeps the embedded store's data in ./data unless DATA_DIR says otherwise", () => {
    expect(readConfig({}).dataDir).toBe("./data");
    expect(readConfig({ DATA_DIR: "" }).dataDir).toBe("./data");
    expect(readConfig({ DATA_DIR: "/var/lib/banter" }).dataDir).toBe("/var/lib/banter");
  });

  it("runs one process unless WORKERS says more, and refuses several on the in-memory store", () => {
    expect(readConfig({}).workers).toBe(1);
    expect(readConfig({ WORKERS: "2", REDIS_URL: "redis://r" }).workers).toBe(2);
    // Empty is unset, as a compose file's `WORKERS: ${WORKERS:-}` passes it.
    expect(readConfig({ WORKERS: "" }).workers).toBe(1);
    for (const bad of ["0", "1.5", "many", "65"]) {
      expect(() => readConfig({ WORKERS: bad, REDIS_URL: "redis://r" }), bad).toThrow(/WORKERS/);
    }
    expect(() => readConfig({ WORKERS: "2" })).toThrow(/WORKERS=2 needs REDIS_URL \(or REDIS_CLUSTER_URLS\)/);
  });

  it("runs on a Redis Cluster when REDIS_CLUSTER_URLS names some of its nodes, never with REDIS_URL too", () => {
    const config = readConfig({ REDIS_CLUSTER_URLS: "redis://a:7001, redis://b:7002,", WORKERS: "2" });
    expect(config.redisCluster).toEqual(["redis://a:7001", "redis://b:7002"]);
    expect(config.redisUrl).toBeUndefined();
    expect(readConfig({ REDIS_URL: "redis://r" }).redisCluster).toBeUndefined();
    expect(() => readConfig({ REDIS_URL: "redis://r", REDIS_CLUSTER_URLS: "redis://a:7001" })).toThrow(/not both/);
  });

  it("uses the sharded socket.io adapter where Redis has it unless REDIS_SHARDED_PUBSUB=0", () => {
    expect(readConfig({}).shardedPubSub).toBe(true);
    expect(readConfig({ REDIS_SHARDED_PUBSUB: "0" }).shardedPubSub).toBe(false);
    expect(readConfig({ REDIS_SHARDED_PUBSUB: "false" }).shardedPubSub).toBe(false);
  });

  it("allows webhooks to public addresses only unless WEBHOOKS_ALLOW_NETWORKS lists networks, and refuses nonsense", () => {
    expect(readConfig({}).webhookAllowNetworks).toEqual([]);
    expect(readConfig({ WEBHOOKS_ALLOW_NETWORKS: "" }).webhookAllowNetworks).toEqual([]);
    const allowed = readConfig({ WEBHOOKS_ALLOW_NETWORKS: "10.0.0.0/8, 192.168.1.0/24,fd00::/8" }).webhookAllowNetworks;
    expect(allowed.map(([ip, bits]) => `${ip.toString()}/${bits}`)).toEqual([
      "10.0.0.0/8",
      "192.168.1.0/24",
      "fd00::/8",
    ]);
    for (const bad of ["10.0.0.1", "10.0.0.0/33", "private", "10.0.0.0/8;192.168.0.0/16"]) {
      expect(() => readConfig({ WEBHOOKS_ALLOW_NETWORKS: bad }), bad).toThrow(/WEBHOOKS_ALLOW_NETWORKS/);
    }
  });

  it("reads SMTP_URL, MAIL_FROM and PUBLIC_URL; a bad SMTP_URL is refused without repeating its password", () => {
    expect(readConfig({})).not.toHaveProperty("smtpUrl");
    const set = readConfig({
      SMTP_URL: "smtps://u:pw@smtp.example.com",
      MAIL_FROM: "Acme <chat@acme.com>",
      PUBLIC_URL: "https://chat.acme.com/",
    });
    expect(set).toMatchObject({
      smtpUrl: "smtps://u:pw@smtp.example.com",
      mailFrom: "Acme <chat@acme.com>",
      publicUrl: "https://chat.acme.com",
    });
    for (const bad of ["http://u:hunter22@smtp.example.com", "hunter22"]) {
      expect(() => readConfig({ SMTP_URL: bad })).toThrow(/^SMTP_URL must be/);
      expect(() => readConfig({ SMTP_URL: bad })).not.toThrow(/hunter22/);
    }
    expect(() => readConfig({ PUBLIC_URL: "chat.acme.com" })).toThrow(/PUBLIC_URL/);
  });

  it("sends the daily digest from 07:00 UTC unless DIGEST_HOUR_UTC says otherwise, and refuses nonsense", () => {
    expect(readConfig({}).digestHourUtc).toBe(7);
    expect(readConfig({ DIGEST_HOUR_UTC: "0" }).digestHourUtc).toBe(0);
    expect(readConfig({ DIGEST_HOUR_UTC: "23" }).digestHourUtc).toBe(23);
    for (const bad of ["-1", "24", "7.5", "morning"]) {
      expect(() => readConfig({ DIGEST_HOUR_UTC: bad }), bad).toThrow(/DIGEST_HOUR_UTC/);
    }
  });

  it("reads the metrics token only when set", () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ METRICS_TOKEN: "t" }).metricsToken).toBe("t");
  });
});

describe("docs/configuration.md", () => {
  it("lists every environment variable the server reads, with its default", () => {
    const source = readFileSync(new URL("../../server/config.ts", import.meta.url), "utf8");
    const docs = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    const read = [...new Set([...source.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]))];
    expect(read.length).toBeGreaterThan(5);
    for (const name of read) expect(docs, name).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|]+ \\|`, "m"));
  });
});
