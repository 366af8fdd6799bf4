// A child process for the crash test (test/integration/persistent-store.test.ts): opens the embedded store at
// argv[2] and writes conversations 1, 2, 3... with a message each, without end, printing "<n> <time>" as each
// write returns, until it is killed.
import { openPersistentStore } from "../../server/store/memory-store.ts";
import { conversation } from "./store-contract.ts";

const store = await openPersistentStore(String(process.argv[2]));
for (let n = 1; ; n++) {
  const id = `c${n}`;
  await store.createConversation(conversation(id));
  await store.appendMessage({ conversationId: id, clientId: "m1", author: "visitor", text: `line ${n}`, at: n });
  if (n % 20 === 0) process.stdout.write(`${n} ${Date.now()}\n`);
  // The flush timer runs between writes, as it would between requests.
  await new Promise((resolve) => setImmediate(resolve));
}
