// Where websockets cannot open (a proxy that breaks the upgrade, here a server that refuses that transport), the
// widget's and the console's sockets connect over HTTP long-polling instead of retrying the websocket forever.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import { Namespaces } from "../../shared/protocol/index.ts";
import { connectRep, connectVisitor } from "../../widget/transport/socket.ts";

describe("widget transport", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("falls back to long-polling when the websocket cannot open", async () => {
    const http = createServer();
    const io = new Server(http, { transports: ["polling"] });
    io.of(Namespaces.visitor);
    io.of(Namespaces.rep);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => io.close());
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    for (const socket of [connectVisitor(url, "site_x"), connectRep(url)]) {
      cleanups.push(() => void socket.disconnect());
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("never connected")), 5000);
        socket.once("connect", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      expect(socket.io.engine.transport.name).toBe("polling");
    }
  });
});
