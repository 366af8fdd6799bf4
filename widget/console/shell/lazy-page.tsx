// Loads a page's chunk on first visit and shows it. A failed load (a deploy replaced the chunk, the network
// dropped) says so and offers a retry instead of a blank page.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "./page-props.ts";
import { loadPageStyles } from "./page-styles.ts";
import type { Page } from "./pages.ts";

const loaded = new Map<string, ComponentType<PageProps>>();

export function LazyPage(props: PageProps & { page: Page }) {
  const { page } = props;
  const [Component, setComponent] = useState(() => loaded.get(page.path));
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (loaded.has(page.path) || !page.load) {
      setComponent(() => loaded.get(page.path));
      return;
    }
    let current = true;
    setFailed(false);
    Promise.all([page.load(), loadPageStyles()]).then(
      ([c]) => {
        loaded.set(page.path, c);
        if (current) setComponent(() => c);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [page, attempt]);

  if (failed) {
    return (
      <section class="console-page" aria-labelledby="page-heading">
        <h1 id="page-heading">{page.label}</h1>
        <p role="alert">This page could not be loaded.</p>
        <button type="button" class="banter-button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </section>
    );
  }
  if (!Component) return <p role="status">Loading {page.label}…</p>;
  return <Component route={props.route} user={props.user} />;
}
