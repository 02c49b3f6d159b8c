/* The handbook's search worker: Material's own search worker, with Swedish
   query words reduced to their stem before searching (swedish-query.js) and
   one- or two-letter words searched as whole words.

   Pages load this file instead of Material's worker (hooks/search_swedish.py
   rewrites the worker address and passes Material's file name as ?worker=).
   It runs as a Web Worker online and inside an iframe offline (iframe-worker),
   so it finds its own address both ways. */
(function () {
  var script = (typeof document !== "undefined" && document.currentScript)
    ? document.currentScript.src : self.location.href;
  var material = new URL(new URL(script).searchParams.get("worker"), script).href;
  var swedish = false;

  // Material searches every word as a prefix ("m" → every word starting with
  // m). While someone types, the one- and two-letter prefixes match nearly the
  // whole index and are the slowest searches (offline, search shares the
  // page's thread). Words of one or two letters are searched as whole words
  // instead ("eu^1": Material leaves a boosted word without its wildcard), so
  // "EU" or "ID" still find their pages, at once.
  function exactShortWords(query) {
    return query.split(/\s+/).map(function (word) {
      return /^[^*+\-~^:]{1,2}$/.test(word) ? word + "^1" : word;
    }).join(" ");
  }

  // Queries that arrive while the reader is still typing are replaced by
  // the newest one: Material sends one per key press, and offline the search
  // runs on the page's own thread, so searching every stale prefix would
  // hold up the typing itself. A human pause between keys (> 40 ms) still
  // gets results for each prefix, as before.
  var pending = null;
  function searchSoon(listener, message) {
    clearTimeout(pending);
    pending = setTimeout(function () { listener({ data: message }); }, 40);
  }

  var listen = self.addEventListener.bind(self);

  // Material registers one "message" listener; hand it normalised queries.
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 0) {            // set-up: which languages the index has
        swedish = (message.data.config.lang || []).indexOf("sv") !== -1;
      } else if (message && message.type === 2) {      // a query
        var query = swedish ? nmtSwedishQuery(String(message.data)) : String(message.data);
        return searchSoon(listener, { type: 2, data: exactShortWords(query) });
      }
      return listener({ data: message });
    }, options);
  };
  importScripts(new URL("swedish-query.js", script).href, material);
})();
