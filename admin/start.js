/* The NMT handbook's editor (/admin/). Loaded before Sveltia CMS (vendor/sveltia-cms.js).

   Sveltia CMS 0.221.1 fetches from other hosts by itself, and no setting turns that off
   (checked in its source: the addresses are constants):
   - its interface strings in every language but English, from
     https://unpkg.com/@sveltia/cms@<version>/locales/<code>.json
     → served from this site instead (vendor/locales/, copied by scripts/vendor.sh);
   - a check for a newer version, every hour: https://unpkg.com/@sveltia/cms/package.json
   - GitHub's status page, every five minutes: https://www.githubstatus.com/api/v2/status.json
     → both answered here with "404", which the CMS ignores without a message.
   Requests to this site and to GitHub's API go through unchanged. The page's
   Content-Security-Policy allows no other host either; this script keeps the CMS from
   even trying. tests/browser/test_editor_form.py records every request the page makes. */
(() => {
  "use strict";
  const LOCALE = /^https:\/\/unpkg\.com\/@sveltia\/cms@[0-9.]+\/locales\/([a-zA-Z-]{2,5})\.json$/;
  const OWN_LOCALES = new URL("vendor/locales/", document.baseURI);
  const ALLOWED_ORIGINS = [location.origin, "https://api.github.com"];
  const fetchFromNetwork = window.fetch.bind(window);

  window.fetch = (resource, options) => {
    const url = new URL(resource instanceof Request ? resource.url : String(resource), document.baseURI);
    const locale = LOCALE.exec(url.href);
    if (locale) {
      return fetchFromNetwork(new URL(`${locale[1]}.json`, OWN_LOCALES), options);
    }
    if (ALLOWED_ORIGINS.includes(url.origin)) {
      return fetchFromNetwork(resource, options);
    }
    return Promise.resolve(new Response(null, { status: 404, statusText: "Not fetched by the NMT editor" }));
  };

  // The CMS adds its own viewport <meta> with maximum-scale=1, which stops zooming on a phone
  // (WCAG 1.4.4, found by axe-core in tests/browser/test_editor_form.py): take that part out.
  const NO_ZOOM = /^\s*(maximum-scale|user-scalable)\b/;
  const allowZoom = () => {
    for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
      const parts = (meta.getAttribute("content") || "").split(",");
      if (parts.some((part) => NO_ZOOM.test(part))) {
        meta.setAttribute("content", parts.filter((part) => !NO_ZOOM.test(part)).join(",").trim());
      }
    }
  };
  new MutationObserver(allowZoom).observe(document.head, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["content"],
  });
})();
