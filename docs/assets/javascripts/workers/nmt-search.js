/* The handbook's search worker, in place of Material's: it speaks Material's
   worker messages (0 set-up, 1 ready, 2 query, 3 result), so Material's
   search box, result list and keyboard handling stay as they are, and
   answers them with our engine (search-engine.js) from the index made at
   build time (hooks/nmt/search/prebuilt.py). Each result message also carries
   `nmt`: the typos corrected and, for a query that found nothing, one
   suggestion, which search-status.js shows and announces.

   Pages load this file as Material's worker (hooks/nmt/search/swedish.py points
   Material's "search" setting here). Online it runs as a Web Worker; offline
   (file://) in a hidden iframe on the page's thread (iframe-worker), so it
   finds its own address both ways. Material's set-up message names no
   entries, only where the index is (config.nmt, relative to the site root,
   which is three folders up from this file); both copies load the same
   script parts. */
(function () {
  var script = (typeof document !== "undefined" && document.currentScript)
    ? document.currentScript.src : self.location.href;
  var inIframe = typeof document !== "undefined" && typeof parent !== "undefined"
    && parent !== self && "IFrameWorker" in parent;
  var send = self.postMessage.bind(self);
  var PARTS = "search_index";  // search_index-0.js, … (hooks/nmt/search/per_language.py)
  var index = null;

  /* Scripts in order: importScripts in a worker; offline, script elements
     (fetched in parallel, run in order, each one short task of the page). */
  function loadScripts(urls) {
    if (!inIframe) {
      importScripts.apply(self, urls);
      return Promise.resolve();
    }
    return Promise.all(urls.map(function (url) {
      return new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.async = false;
        element.src = url;
        element.onload = resolve;
        element.onerror = function () { reject(new Error("nmt-search: cannot load " + url)); };
        document.body.appendChild(element);
      });
    }));
  }

  /* The index in `folder` (from the site root, three folders up from this
     file): part 0 first, which says how many parts there are, then the rest. */
  function loadIndex(folder) {
    var base = new URL(folder, new URL("../../../", script)), parts = [];
    var url = function (number) { return new URL(PARTS + "-" + number + ".js", base).href; };
    self.nmtSearchPart = function (number, json) { parts[number] = JSON.parse(json); };
    return loadScripts([url(0)]).then(function () {
      var rest = [];
      for (var number = 1; number < parts[0].parts; number++) rest.push(url(number));
      return loadScripts(rest);
    }).then(function () {
      var docs = [];
      for (var n = 1; n < parts.length; n++) Array.prototype.push.apply(docs, parts[n].docs);
      return new nmtSearchEngine.Index(parts[0], docs);
    });
  }

  // Online, the page names its language's index in this file's address
  // (?index=search/, hooks/nmt/search/swedish.py): loading starts now, while the
  // page still loads, not when Material's set-up message comes. Offline the
  // set-up message names it (config.nmt), as it does online too.
  importScripts(new URL("swedish-query.js", script).href, new URL("search-engine.js", script).href);
  var early = null, named = inIframe ? null : new URL(script).searchParams.get("index");
  if (named) early = loadIndex(named).catch(function () { return null; });

  function answer(query) {
    try {
      return { type: 3, data: index.search(query) };
    } catch (error) {
      console.warn("nmt-search: cannot search for " + JSON.stringify(query), error);
      return { type: 3, data: { items: [] } };
    }
  }

  // Queries that arrive while the reader is still typing are replaced by
  // the newest one: Material sends one per key press, and offline the search
  // runs on the page's own thread, so searching every stale prefix would
  // hold up the typing itself. A human pause between keys (> 40 ms) still
  // gets results for each prefix. The query Material sends as soon as the
  // index is ready holds what the reader typed while it loaded: that one
  // runs at once.
  var pending = null, atOnce = false;
  function searchSoon(query) {
    clearTimeout(pending);
    if (atOnce) {
      atOnce = false;
      return send(answer(query));
    }
    pending = setTimeout(function () { send(answer(query)); }, 40);
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === 0) {
      var folder = message.data.config.nmt.folder;
      (early && named === folder ? early : Promise.resolve(null)).then(function (loaded) {
        return loaded || loadIndex(folder);
      }).then(function (loaded) {
        index = loaded;
        self.nmtIndex = loaded;  // where the tests look
        atOnce = true;
        send({ type: 1 });
      }, function (error) {
        console.warn("nmt-search: the search index did not load", error);
      });
    } else if (message && message.type === 2 && index) {
      searchSoon(String(message.data));
    }
  });
})();
