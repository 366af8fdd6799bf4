// The script tag to paste, with a copy button. Clipboard access can be refused (permissions, an insecure
// origin): then the tag is selected so the owner can copy it with the keyboard.
import { useRef, useState } from "preact/hooks";
import { embedSnippet } from "../../../../shared/sites/snippet.ts";
import { CopyButton, selectContents } from "../../common/copy-button.tsx";

export function Snippet(props: { siteKey: string }) {
  const snippet = embedSnippet(location.origin, props.siteKey);
  const code = useRef<HTMLElement>(null);
  const [status, setStatus] = useState("");

  return (
    <section class="console-card" aria-labelledby="snippet-heading">
      <h2 id="snippet-heading">Embed snippet</h2>
      <p>
        Paste this snippet into the HTML of every page that should show the chat, just before &lt;/body&gt;. Its first
        script lets the page call Banter (open the chat, identify a logged-in visitor, listen to events) before the chat
        has loaded: see docs/embedding.md.
      </p>
      <pre class="console-snippet">
        <code ref={code}>{snippet}</code>
      </pre>
      <div class="console-snippet-actions">
        <CopyButton
          text={snippet}
          label="Copy snippet"
          primary
          fresh
          copied="Copied"
          refused="Copying was not allowed: the snippet is selected, press Ctrl+C (⌘C on a Mac) to copy it."
          select={() => selectContents(code.current)}
          say={setStatus}
        />
        <p role="status">{status}</p>
      </div>
    </section>
  );
}
