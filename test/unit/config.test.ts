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

  it("reads the metrics token only when set", () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ METRICS_TOKEN: "t" }).metricsToken).toBe("t");
  });
});
