// The Banter mark, a speech bubble on the accent blue: the icon of the console and the demo page. Served as SVG
// at /favicon.svg and at /favicon.ico too, where browsers and crawlers ask for an icon unprompted.
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="7" fill="#2563eb"/>' +
  '<path d="M9 8h14a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-8l-5 4v-4H9a3 3 0 0 1-3-3v-8a3 3 0 0 1 3-3z" fill="#fff"/>' +
  "</svg>";

export const faviconLink = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';
