// A child process that opens the embedded store at argv[2], says "open", and holds it until killed (the lock test).
import { openPersistentStore } from "../../server/store/memory-store.ts";

try {
  await openPersistentStore(String(process.argv[2]));
  process.stdout.write("open\n");
  setInterval(() => {}, 60_000);
} catch (err) {
  process.stdout.write(`refused: ${(err as Error).message}\n`);
  process.exit(3);
}
