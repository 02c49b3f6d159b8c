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

  /* The address of part `number` of the index in `folder` (from the site
     root, three folders up from this file). */
  function partUrl(folder, number) {
    return new URL(PARTS + "-" + number + ".js", new URL(folder, new URL("../../../", script))).href;
  }

  /* Online: a part fetched as text and read as its script would hand it
     over (nmtSearchPart(number, "json")). Every part is fetched at once:
     importScripts would fetch one after the other, each waiting until the
     one before had run. */
  function fetchPart(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("nmt-search: cannot load " + url);
      return response.text();
    }).then(function (text) {
      return JSON.parse(JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")"))));
    });
  }

  /* Offline (file://: no fetch): script elements, fetched in parallel, run
     in order, each one short task of the page. */
  function scriptParts(urls) {
    var parts = [];
    self.nmtSearchPart = function (number, json) { parts[number] = JSON.parse(json); };
    return Promise.all(urls.map(function (url) {
      return new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.async = false;
        element.src = url;
        element.onload = resolve;
        element.onerror = function () { reject(new Error("nmt-search: cannot load " + url)); };
        document.body.appendChild(element);
      });
    })).then(function () { return parts; });
  }

  // Online, the page names its language's index in this file's address
  // (?index=search/, hooks/nmt/search/swedish.py): the words (part 0) are
  // fetched at once; Material's set-up message says how many parts there
  // are (config.nmt).
  var named = inIframe ? null : new URL(script).searchParams.get("index");
  var early = named ? { url: partUrl(named, 0), part: fetchPart(partUrl(named, 0)) } : null;
  if (early) early.part.catch(function () {});  // fetched again below if it failed

  /* The index `where` names: {folder, parts}. Part 0 holds the words, the
     others the entries to show. The engine's scripts load while the parts
     download: importScripts blocks a worker until they have run (online),
     and returns a promise in iframe-worker's stand-in (offline). */
  function loadIndex(where) {
    var urls = [];
    for (var number = 0; number < where.parts; number++) urls.push(partUrl(where.folder, number));
    var parts = inIframe ? scriptParts(urls) : Promise.all(urls.map(function (url) {
      return early && url === early.url ? early.part.catch(function () { return fetchPart(url); }) : fetchPart(url);
    }));
    var engine = importScripts(new URL("swedish-query.js", script).href, new URL("search-engine.js", script).href);
    return Promise.all([parts, engine]).then(function (both) {
      var loaded = both[0], docs = [];
      for (var n = 1; n < loaded.length; n++) Array.prototype.push.apply(docs, loaded[n].docs);
      return new nmtSearchEngine.Index(loaded[0], docs);
    });
  }

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
      loadIndex(message.data.config.nmt).then(function (loaded) {
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
