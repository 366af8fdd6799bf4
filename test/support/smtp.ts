// A real SMTP server on port 0 for email tests (smtp-server): it accepts every message, or answers the next
// planned reply to a recipient ("550" bounces, "421" asks to try later), and parses what it received (mailparser).
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Reply = "ok" | 550 | 421;

export interface Captured {
  envelopeTo: string[];
  user?: string;
  mail: ParsedMail;
}

export async function smtpServer(plan: Reply[] = []) {
  const received: Captured[] = [];
  let rcptAttempts = 0;
  const waiting: (() => void)[] = [];
  const server = new SMTPServer({
    // Plain SMTP on localhost: no STARTTLS for nodemailer to try, credentials accepted in clear.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "banter" && auth.password === "s3cret-pass") return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      rcptAttempts++;
      const reply = plan.shift() ?? "ok";
      if (reply === "ok") return callback();
      const err = Object.assign(new Error(reply === 550 ? "5.1.1 Mailbox unavailable" : "4.7.0 Try again later"), {
        responseCode: reply,
      });
      callback(err);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            ...(session.user ? { user: String(session.user) } : {}),
            mail,
          });
          for (const wake of waiting.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    plan,
    get rcptAttempts() {
      return rcptAttempts;
    },
    // Resolves once `n` messages were received, or fails the test after a while.
    async waitFor(n: number, ms = 5000): Promise<Captured[]> {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`SMTP server got ${received.length} messages, not ${n}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
