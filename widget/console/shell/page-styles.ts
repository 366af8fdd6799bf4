// The pages' styles (pages/pages.css) come with the first page that needs them, not with the console's entry:
// a rep who only works their chats never loads them.
let loading: Promise<void> | undefined;

export function loadPageStyles(): Promise<void> {
  loading ??= import("../pages/pages.css?inline").then(
    ({ default: css }) => {
      const style = document.createElement("style");
      style.textContent = css;
      document.head.appendChild(style);
    },
    (err: unknown) => {
      // A failed load is tried again by the next page ("Try again").
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
