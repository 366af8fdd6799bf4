// The teaser: a bubble beside the launcher, in the widget's shadow root, with the site speaking first. Its text is
// set as text, never HTML. It is announced politely (a live region that exists before it fills), never takes
// focus, and goes with Escape (anywhere on the page: the visitor need not reach it first) or its close button.
import type { Trigger } from "../../shared/protocol/engage.ts";
import type { SiteConfig } from "../../shared/protocol/sites.ts";

export const teaserCss = `
.teaser{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:300px;max-width:calc(100vw - 40px)}
:host([data-pos=left]) .teaser{right:auto;left:20px}
.card{background:#fff;color:#1f2328;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.2);padding:12px 14px 14px;
}
@media (prefers-reduced-motion:no-preference){.card{animation:banter-in .2s ease-out}}
@keyframes banter-in{from{opacity:0;transform:translateY(6px)}}
.who{display:flex;align-items:center;gap:8px;font-weight:600;font-size:13px;color:#59636e}
.who img,.who i{width:28px;height:28px;border-radius:50%;flex:none;object-fit:cover}
.who i{display:grid;place-items:center;background:var(--banter-accent,#2563eb);color:#fff;font-style:normal}
.who b{flex:1;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.x{border:0;background:none;color:#59636e;width:28px;height:28px;border-radius:6px;cursor:pointer;font:20px/1 system-ui,sans-serif}
.x:hover{background:#f0f2f4;color:#1f2328}
.msg{display:block;width:100%;margin:8px 0 0;padding:0;border:0;background:none;color:inherit;text-align:left;
font:15px/1.45 system-ui,sans-serif;white-space:pre-wrap;overflow-wrap:anywhere;cursor:pointer}
.replies{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.replies button{border:1px solid var(--banter-accent,#2563eb);background:#fff;color:var(--banter-accent,#2563eb);
border-radius:16px;padding:6px 12px;font:600 13px/1.2 system-ui,sans-serif;cursor:pointer;max-width:100%;overflow-wrap:anywhere;text-align:left}
.replies button:hover{background:var(--banter-accent,#2563eb);color:#fff}
.teaser button:focus-visible{outline:3px solid var(--banter-accent,#2563eb);outline-offset:2px}
`;

export interface TeaserActions {
  // The teaser's message (reply undefined) or one of its quick replies.
  open(reply?: string): void;
  dismiss(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) =>
  Object.assign(document.createElement(tag), props);

// The live region, added once at start so screen readers hear what later fills it.
export function teaserRegion(root: ShadowRoot): HTMLElement {
  const region = el("div", { className: "teaser" });
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  root.append(el("style", { textContent: teaserCss }), region);
  return region;
}

export function fillTeaser(region: HTMLElement, site: SiteConfig, t: Trigger, act: TeaserActions): void {
  const card = el("div", { className: "card" });
  const who = el("div", { className: "who" });
  const avatar = site.avatarUrl
    ? el("img", { src: site.avatarUrl, alt: "" })
    : el("i", { textContent: site.name.slice(0, 1).toUpperCase() });
  avatar.setAttribute("aria-hidden", "true");
  const close = el("button", { type: "button", className: "x", textContent: "×", onclick: () => act.dismiss() });
  close.setAttribute("aria-label", "Dismiss message");
  who.append(avatar, el("b", { textContent: site.name }), close);
  const msg = el("button", { type: "button", className: "msg", textContent: t.message, onclick: () => act.open() });
  card.append(who, msg);
  if (t.quickReplies.length) {
    const replies = el("div", { className: "replies" });
    for (const r of t.quickReplies)
      replies.append(el("button", { type: "button", textContent: r, onclick: () => act.open(r) }));
    card.append(replies);
  }
  region.replaceChildren(card);
}
