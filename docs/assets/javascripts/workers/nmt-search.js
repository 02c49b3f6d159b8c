/* The handbook's search worker: Material's own search worker, with Swedish
   query words reduced to their stem before searching (swedish-query.js) and
   one- or two-letter words searched as whole words.

   Pages load this file instead of Material's worker (hooks/nmt/search/swedish.py
   rewrites the worker address and passes Material's file name as ?worker=).
   It runs as a Web Worker online and inside an iframe offline (iframe-worker),
   so it finds its own address both ways. Offline it also loads the index
   prebuilt at build time instead of having lunr build it (see below). */
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
  // gets results for each prefix, as before. Offline, the query Material
  // sends as soon as the index is ready holds what the reader typed while it
  // loaded: that one runs at once.
  var pending = null, atOnce = false;
  function searchSoon(listener, message) {
    clearTimeout(pending);
    if (atOnce) {
      atOnce = false;
      return listener({ data: message });
    }
    pending = setTimeout(function () { listener({ data: message }); }, 40);
  }

  // --- Offline: the prebuilt index --------------------------------------------------
  // Offline the search "worker" is an iframe on the page's own thread, and
  // lunr building the index there froze the page on every page view. The
  // offline copy's search_index.js names prebuilt parts instead of holding
  // the entries (hooks/nmt/search/prebuilt.py). When Material sets up its search
  // (the reader opens the search box), they are loaded all at once, each
  // script one short task, with lunr's token set built in slices meanwhile;
  // offline-index.js then stands in for lunr's index build. Page views
  // without a search load none of it.
  var inIframe = typeof document !== "undefined" && typeof parent !== "undefined"
    && parent !== self && "IFrameWorker" in parent;
  var ran = {};

  function pause(next) { setTimeout(next, 0); }

  function loadScripts(urls) {
    urls = urls.map(function (url) { return new URL(url, script).href; });
    if (!inIframe) {
      importScripts.apply(self, urls);
      urls.forEach(function (url) { ran[url] = true; });
      return Promise.resolve();
    }
    return Promise.all(urls.map(function (url) {    // fetched in parallel, run in order
      return new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.async = false;
        element.src = url;
        element.onload = function () { ran[url] = true; resolve(); };
        element.onerror = function () { reject(new Error("nmt-search: cannot load " + url)); };
        document.body.appendChild(element);
      });
    }));
  }

  // Material's worker asks for the language scripts on set-up: skip those
  // already run here (running them again only re-registers lunr's functions).
  if (inIframe) {
    var importScriptsOnce = self.importScripts;
    self.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      if (urls.length && urls.every(function (url) { return ran[new URL(url, script).href]; })) {
        return Promise.resolve();
      }
      return importScriptsOnce.apply(self, urls);
    };
  }

  // The scripts Material's worker loads for the index's languages (its setupSearchLanguages()).
  function languageScripts(languages) {
    var scripts = languages.filter(function (lang) { return lang !== "en"; }).map(function (lang) {
      return "../lunr/min/lunr." + lang + ".min.js";
    });
    if (languages.length > 1) scripts.push("../lunr/min/lunr.multi.min.js");
    return scripts.length ? ["../lunr/min/lunr.stemmer.support.min.js"].concat(scripts) : [];
  }

  // Load the prebuilt parts; the set-up message Material's worker then gets.
  function withPrebuiltIndex(message) {
    var config = message.data.config, prebuilt = config.nmt_prebuilt, parts = [], tokenSet = null;
    var urls = ["offline-index.js"].concat(languageScripts(config.lang || []));
    for (var number = 0; number < prebuilt.parts; number++) urls.push(prebuilt.base + "-" + number + ".js");
    self.nmtSearchPart = function (number, json) {
      parts[number] = JSON.parse(json);
      if (number === 0) tokenSet = nmtPrebuiltIndex.buildTokenSet(self.lunr, parts[0].meta.terms, pause);
    };
    return loadScripts(urls).then(function () {
      return tokenSet;
    }).then(function (tokens) {
      var docs = [], entries = [];
      for (var n = 1; n < parts.length; n++) {
        Array.prototype.push.apply(docs, parts[n].docs);
        Array.prototype.push.apply(entries, parts[n].entries);
      }
      // Kept where the tests look: .used says whether the prebuilt index was taken.
      self.nmtPrebuilt = new nmtPrebuiltIndex(self.lunr, parts[0].meta, docs, entries, tokens);
      self.nmtPrebuilt.install();
      return { type: 0, data: { config: config, docs: docs, options: message.data.options } };
    });
  }

  // --- Handing messages to Material's worker ---------------------------------------

  var listen = self.addEventListener.bind(self);

  // Material registers one "message" listener; hand it normalised queries.
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 0) {            // set-up: which languages the index has
        swedish = (message.data.config.lang || []).indexOf("sv") !== -1;
        if (message.data.config.nmt_prebuilt) {
          return withPrebuiltIndex(message).then(function (setup) {
            atOnce = true;
            return listener({ data: setup });
          });
        }
      } else if (message && message.type === 2) {      // a query
        var query = swedish ? nmtSwedishQuery(String(message.data)) : String(message.data);
        return searchSoon(listener, { type: 2, data: exactShortWords(query) });
      }
      return listener({ data: message });
    }, options);
  };

  importScripts(new URL("swedish-query.js", script).href, material);
})();
