/* The handbook's search worker: Material's own search worker, with Swedish
   query words reduced to their stem before searching (swedish-query.js).

   Pages load this file instead of Material's worker (hooks/search_swedish.py
   rewrites the worker address and passes Material's file name as ?worker=).
   It runs as a Web Worker online and inside an iframe offline (iframe-worker),
   so it finds its own address both ways. */
(function () {
  var script = (typeof document !== "undefined" && document.currentScript)
    ? document.currentScript.src : self.location.href;
  var material = new URL(new URL(script).searchParams.get("worker"), script).href;
  var swedish = false;
  var listen = self.addEventListener.bind(self);

  // Material registers one "message" listener; hand it normalised queries.
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 0) {            // set-up: which languages the index has
        swedish = (message.data.config.lang || []).indexOf("sv") !== -1;
      } else if (message && message.type === 2 && swedish) {   // a query
        message = { type: 2, data: nmtSwedishQuery(message.data) };
      }
      return listener({ data: message });
    }, options);
  };
  importScripts(new URL("swedish-query.js", script).href, material);
})();
