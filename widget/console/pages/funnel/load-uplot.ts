// uPlot (the trend charts' library, about 22 KB gzipped) and its styles, loaded with the first trend chart: only the
// funnel page pays for them, and its tables and figures show before the charts are drawn.
import type uPlot from "uplot";

let loading: Promise<typeof uPlot> | undefined;

export function loadUplot(): Promise<typeof uPlot> {
  loading ??= Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css?inline")]).then(
    ([lib, css]) => {
      const style = document.createElement("style");
      style.textContent = css.default;
      document.head.appendChild(style);
      return lib.default;
    },
    (err: unknown) => {
      // A failed load is tried again by the next chart drawn.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
