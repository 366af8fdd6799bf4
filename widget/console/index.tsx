// Entry of the console page (GET /console): injects the styles and renders the app.
import { render } from "preact";
import uiCss from "../ui/styles.css?inline";
import consoleCss from "./console.css?inline";
import deskCss from "./desk/desk.css?inline";
import leadCardCss from "./lead/card.css?inline";
import { App } from "./shell/app.tsx";

function injectStyles(): void {
  const style = document.createElement("style");
  style.textContent = [uiCss, consoleCss, leadCardCss, deskCss].join("\n");
  document.head.appendChild(style);
}

// The server's page has <div id="app">: the app draws its own <header> and <main> landmarks.
function mountPoint(): HTMLElement {
  return (
    document.getElementById("app") ??
    document.body.appendChild(Object.assign(document.createElement("div"), { id: "app" }))
  );
}

injectStyles();
render(<App />, mountPoint());
