// The two HTML pages the server renders: the demo host page and the console shell. Values are escaped.
import { embedSnippet, escapeHtml } from "../../shared/sites/snippet.ts";
import { faviconLink } from "./favicon.ts";

export function demoPage(serverUrl: string, siteKey: string): string {
  const snippet = embedSnippet(serverUrl, siteKey);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Analytics (Banter demo)</title>
${faviconLink}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px;word-break:break-all}</style>
</head>
<body>
<h1>Acme Analytics</h1>
<p>This is a sample customer page. It embeds Banter exactly as a customer would, with one script tag:</p>
<p><code>${escapeHtml(snippet)}</code></p>
<p>Open the <a href="/console">console</a> in another window first and log in: a rep who is online is rung for
hot leads (with nobody online, the visitor is offered a callback instead). Then open the chat with the button at
the bottom right and answer like a buyer.</p>
${snippet}
</body>
</html>`;
}

// The page an email's "continue the conversation" link opens, on Banter's own origin: the visitor's token is
// put where the widget looks for it, and the chat opens on their conversation. `nonce`: the page's one inline
// script, allowed by its Content-Security-Policy.
export function continuePage(
  serverUrl: string,
  siteName: string,
  siteKey: string,
  visitorToken: string,
  nonce: string,
) {
  const key = JSON.stringify(`banter:${siteKey}:visitor`).replace(/</g, "\\u003c");
  const token = JSON.stringify(visitorToken).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Your conversation with ${escapeHtml(siteName)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1f2937}</style>
</head>
<body>
<h1>Your conversation with ${escapeHtml(siteName)}</h1>
<p>The chat opens at the bottom of this page, where you left it. If it does not, use the chat button.</p>
<script nonce="${nonce}">try{localStorage.setItem(${key},${token})}catch(e){}
window.Banter=window.Banter||function(){(Banter.q=Banter.q||[]).push(arguments)};Banter("open");</script>
<script async src="${escapeHtml(serverUrl)}/widget.js" data-site="${escapeHtml(siteKey)}"></script>
</body>
</html>`;
}

export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Banter console</title>
${faviconLink}
</head>
<body>
<div id="app"></div>
<script type="module" src="/assets/console.js"></script>
</body>
</html>`;
}
