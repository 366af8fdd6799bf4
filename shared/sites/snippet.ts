// The script tag a site owner pastes: built by the server (demo page, first-start log) and by the console (the
// Sites page), so both show the same tag. Values are escaped for an HTML attribute.
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function embedSnippet(serverUrl: string, siteKey: string): string {
  return `<script async src="${escapeHtml(serverUrl)}/widget.js" data-site="${escapeHtml(siteKey)}"></script>`;
}
