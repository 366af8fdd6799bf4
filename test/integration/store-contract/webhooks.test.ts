// The store contract, webhooks: endpoints and deliveries: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { delivery, endpoint, storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, webhooks: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps a site's webhook endpoints, at most `max`, edited by compare-and-set; removal takes their deliveries", async () => {
    expect(await store.addWebhook(endpoint("e1", 1), 2)).toBe(true);
    expect(await store.addWebhook(endpoint("e2", 2), 2)).toBe(true);
    expect(await store.addWebhook(endpoint("e3", 3), 2)).toBe(false);
    expect((await store.listWebhooks("site1")).map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(await store.listWebhooks("other")).toEqual([]);
    await Promise.all([
      store.updateWebhook("site1", "e1", (e) => ({ ...e, enabled: false })),
      store.updateWebhook("site1", "e1", (e) => ({ ...e, url: "https://hooks.example/two" })),
    ]);
    expect(await store.getWebhook("site1", "e1")).toMatchObject({
      enabled: false,
      url: "https://hooks.example/two",
      rev: 2,
    });
    await store.enqueueDelivery(delivery("d1", 10), 100);
    expect(await store.removeWebhook("site1", "e1")).toBe(true);
    expect(await store.removeWebhook("site1", "e1")).toBe(false);
    expect(await store.updateWebhook("site1", "e1", (e) => e)).toBeNull();
    expect(await store.getWebhook("site1", "e1")).toBeNull();
    expect(await store.getDelivery("d1")).toBeNull();
    expect(await store.deliveryBacklog()).toBe(0);
    expect(await store.addWebhook(endpoint("e3", 3), 2)).toBe(true);
  });

  it("enqueues a delivery once; each due delivery is claimed by one taker; a lapsed claim is retried", async () => {
    expect(await store.enqueueDelivery(delivery("d1", 10), 100)).toBe(true);
    expect(await store.enqueueDelivery({ ...delivery("d1", 10), body: "other" }, 100)).toBe(false);
    expect(await store.enqueueDelivery(delivery("d2", 50), 100)).toBe(true);
    expect(await store.deliveryBacklog()).toBe(2);
    const takers = await Promise.all([1, 2, 3].map(() => store.claimDeliveries(20, 1000, 10)));
    const taken = takers.flat();
    expect(taken.map((t) => t.delivery.id)).toEqual(["d1"]);
    expect(taken[0]?.delivery.body).toBe('{"id":"d1"}');
    // The taker dies: nobody else gets d1 before the lease ends, then someone does.
    expect((await store.claimDeliveries(999, 2000, 10)).map((t) => t.delivery.id)).toEqual(["d2"]);
    const retaken = await store.claimDeliveries(1000, 3000, 10);
    expect(retaken.map((t) => t.delivery.id)).toEqual(["d1"]);
    // The first taker's late result is dropped; the current holder's is kept.
    const done = { ...delivery("d1", 10), status: "succeeded" as const, attempts: 1, responseCode: 200 };
    expect(await store.finishDelivery(done, 1000)).toBe(false);
    expect(await store.finishDelivery(done, 3000)).toBe(true);
    expect(await store.getDelivery("d1")).toMatchObject({ status: "succeeded", attempts: 1, responseCode: 200 });
    // A failed attempt with a retry is due again at its next attempt.
    const retry = { ...delivery("d2", 50), attempts: 1, nextAttemptAt: 5000, lastError: "HTTP 500" };
    expect(await store.finishDelivery(retry, 2000)).toBe(true);
    expect(await store.claimDeliveries(4999, 9000, 10)).toEqual([]);
    expect((await store.claimDeliveries(5000, 9000, 10)).map((t) => t.delivery.id)).toEqual(["d2"]);
    expect(await store.deliveryBacklog()).toBe(1);
  });

  it("an endpoint's delivery log is newest first and keeps the newest `keep`", async () => {
    for (let i = 1; i <= 4; i++) await store.enqueueDelivery(delivery(`d${i}`, i * 10), 3);
    expect((await store.listDeliveries("site1", "e1", 10)).map((d) => d.id)).toEqual(["d4", "d3", "d2"]);
    expect((await store.listDeliveries("site1", "e1", 2)).map((d) => d.id)).toEqual(["d4", "d3"]);
    expect(await store.getDelivery("d1")).toBeNull();
    expect(await store.deliveryBacklog()).toBe(3);
    expect(await store.listDeliveries("site1", "e2", 10)).toEqual([]);
  });
});
