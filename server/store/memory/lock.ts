// One process per data directory: two processes on the same files would each write their own state over the
// other's. The lock file holds the owner's pid; a lock whose process is gone (killed, crashed) is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

// Directories locked by this process: a second store on one of them is refused too.
const held = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, run by another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dir: string): () => void {
  const path = resolve(dir, "banter.lock");
  const mine = String(process.pid);
  if (held.has(path)) throw new Error(`The data directory ${dir} is already open in this process.`);
  try {
    writeFileSync(path, mine, { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const holder = Number(readFileSync(path, "utf8").trim());
    // Our own pid there is a previous life's (a container restarts with the same pid): not another process.
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && running(holder)) {
      throw new Error(
        `Another Banter process (pid ${holder}) is using the data directory ${dir}. One process only on the embedded store: stop it, or set REDIS_URL to run several.`,
      );
    }
    writeFileSync(path, mine);
  }
  held.add(path);
  return () => {
    held.delete(path);
    try {
      if (readFileSync(path, "utf8").trim() === mine) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  };
}
