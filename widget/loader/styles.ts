import { fullScreen } from "../ui/full-screen.ts";

// The launcher's and the panel's styles, inside the shadow root.
// Kept as a string so widget.js stays one file. `all: initial` on the host stops the page's fonts, colours and line
// heights from leaking into the chat; custom properties (the accent) still inherit through it.
export const css = `
:host{all:initial;font:14px/1.4 system-ui,sans-serif;color:#1f2328}
[hidden]{display:none!important}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;
background:var(--banter-accent,#2563eb);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}
.launcher.wide{width:auto;padding:0 18px 0 14px;border-radius:28px;grid-auto-flow:column;gap:8px;font:inherit;font-weight:600}
:host([data-pos=left]) .launcher,:host([data-pos=left]) .panel{right:auto;left:20px}
.launcher:focus-visible{outline:3px solid var(--banter-accent,#2563eb);outline-offset:3px}
.launcher[aria-busy=true]{cursor:progress;opacity:.7}
.launcher[aria-disabled=true]{cursor:default;opacity:.45;filter:grayscale(1)}
.launcher svg{width:26px;height:26px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.launcher[aria-expanded=true] .i-open,.launcher[aria-expanded=false] .i-close{display:none}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;
background:#d1242f;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:370px;height:560px;max-width:calc(100vw - 40px);
max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;
box-shadow:0 8px 30px rgba(0,0,0,.25)}
@media ${fullScreen}{.panel{inset:0!important;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;z-index:2147483001}}
`;
