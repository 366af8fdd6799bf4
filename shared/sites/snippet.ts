// The script tag a site owner pastes: built by the server (demo page, first-start log) and by the console (the
// Sites page), so both show the same tag. Values are escaped for an HTML attribute.
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

// The first script is the queue stub: calls like Banter('identify', {...}) made before widget.js has loaded are kept
// in Banter.q and replayed in order by the loader (docs/embedding.md).
export const queueStub =
  "<script>window.Banter=window.Banter||function(){(Banter.q=Banter.q||[]).push(arguments)};</script>";

export function embedSnippet(serverUrl: string, siteKey: string): string {
  return `${queueStub}<script async src="${escapeHtml(serverUrl)}/widget.js" data-site="${escapeHtml(siteKey)}"></script>`;
}
