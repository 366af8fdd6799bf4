// Password guesses are throttled per address and per account: a fixed window shared by every process (limits/rates.ts).
// A refusal is a 429 with Retry-After.
import type { Request, Response } from "express";
import { BanterError } from "../../shared/protocol/index.ts";
import { clientIp } from "../limits/client-ip.ts";
import type { Guard } from "../limits/guard.ts";
import type { Rate } from "../limits/rates.ts";
import { limitKeys } from "../store/keys.ts";

export type Throttle = (req: Request, res: Response, action: string, more?: [string, Rate][]) => Promise<boolean>;

// Resolves true when the request was refused (and answered).
export function throttle(guard: Guard, trustProxy: boolean): Throttle {
  return async (req, res, action, more = []) => {
    const ip = clientIp(req.socket.remoteAddress ?? "", req.get("x-forwarded-for"), trustProxy);
    try {
      await guard.check([[limitKeys.ipAttempts(action, ip), guard.limits.loginsPerIp], ...more], (ms) => {
        return `Too many attempts; try again in ${Math.ceil(ms / 1000)} s.`;
      });
      return false;
    } catch (err) {
      if (!(err instanceof BanterError)) throw err;
      res.setHeader("Retry-After", String(Math.ceil((err.retryAfterMs ?? 1000) / 1000)));
      res.status(429).json({ error: err.toWire() });
      return true;
    }
  };
}
