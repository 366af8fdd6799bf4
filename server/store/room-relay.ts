// A bot turn's lines between server processes: one publish a turn, heard only by the processes with a socket in the
// conversation's room, in either namespace (the visitor's tabs in /visitor, a rep watching in /rep). socket.io's own
// ways each miss one: a broadcast to a room is a publish per namespace (two a turn), and serverSideEmit reaches
// every process, each decoding every turn of every conversation. So the relay keeps a channel per room: this process
// subscribes while either namespace has a socket of its own in the room (their adapters' create-room and
// delete-room), and publishes a turn there. Lives in store/ because store/ is the only part that knows Redis.
import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { createClient } from "redis";
import type { Logger } from "../log.ts";

type Client = ReturnType<typeof createClient>;

export interface RoomRelay {
  // Follows a namespace's adapter: the rooms `relayed` picks are subscribed while it has a socket in them.
  follow(adapter: EventEmitter, relayed: (room: string) => boolean): void;
  // To the other processes with a socket in `room`.
  send(room: string, text: string): void;
  // What another process sent to a room this process follows.
  receive(handler: (room: string, text: string) => void): void;
}

// `sharded`: SPUBLISH and SSUBSCRIBE (Redis 7; on a Redis Cluster a channel lives on one node), else PUBLISH and
// SUBSCRIBE. `pub` and `sub` are the adapter's clients: `sub` already in subscriber mode.
export function roomRelay(pub: Client, sub: Client, prefix: string, sharded: boolean, log: Logger): RoomRelay {
  const channelPrefix = `${prefix}relay#`;
  // Each message starts with its sender's id: this process, subscribed to the rooms it publishes to, drops its own
  // without decoding them.
  const self = `${randomUUID()}\n`;
  // Per room, how many namespaces have a socket of this process in it.
  const held = new Map<string, number>();
  let handler: (room: string, text: string) => void = () => {};
  const failed = (what: string) => (err: unknown) =>
    log.warn(`room relay ${what} failed`, { err: err instanceof Error ? err.message : String(err) });
  // A message this process cannot read (another version's, during a rolling upgrade) is dropped and logged: a
  // listener that threw would throw inside the Redis client's reader.
  const heard = (message: string, channel: string) => {
    if (message.startsWith(self)) return;
    try {
      handler(channel.slice(channelPrefix.length), message.slice(message.indexOf("\n") + 1));
    } catch (err) {
      failed("message")(err);
    }
  };
  const subscribe = (channel: string) =>
    (sharded ? sub.sSubscribe(channel, heard) : sub.subscribe(channel, heard)).catch(failed("subscribe"));
  const unsubscribe = (channel: string) =>
    (sharded ? sub.sUnsubscribe(channel, heard) : sub.unsubscribe(channel, heard)).catch(() => {
      // The client closed first (shutdown): nothing left to unsubscribe from.
    });
  return {
    follow(adapter, relayed) {
      adapter.on("create-room", (room: string) => {
        if (!relayed(room)) return;
        const n = held.get(room) ?? 0;
        held.set(room, n + 1);
        if (n === 0) subscribe(channelPrefix + room);
      });
      adapter.on("delete-room", (room: string) => {
        const n = held.get(room);
        if (n === undefined) return;
        if (n > 1) held.set(room, n - 1);
        else {
          held.delete(room);
          unsubscribe(channelPrefix + room);
        }
      });
    },
    send(room, text) {
      // Not awaited, as the adapter's own publishes: a lost one is logged by the client's wrapper
      // (redis-adapter.ts), and the clients catch up when they rejoin.
      const message = self + text;
      if (sharded) pub.sPublish(channelPrefix + room, message);
      else pub.publish(channelPrefix + room, message);
    },
    receive(h) {
      handler = h;
    },
  };
}
