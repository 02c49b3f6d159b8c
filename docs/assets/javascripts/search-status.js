/* What Material's search result list does not say (the search engine is in
   workers/search-engine.js):
   - "Visar resultat för betänketid" / "Showing results for …" when a word
     of the query found nothing and a close word was searched instead;
   - "Inga träffar" / "No results" with one suggestion, a link: the arrow
     keys reach it as they reach the results, Enter or a click searches for
     it (without this script the link opens the page with ?q=, which
     Material's search reads);
   - a live region that tells screen readers the result count and the
     correction once the reader pauses typing.
   It reads the `nmt` part of the worker's result messages. The page loads
   it before Material's bundle (overrides/main.html, block libs), so the
   worker Material makes is met in its first postMessage (the set-up) and
   listened to from then on: a search address (?q=) is answered as soon as
   the index is ready, with no key pressed. This relies on Material
   creating the worker with window.Worker (offline: iframe-worker's
   IFrameWorker, whose shim the page loads before this script) and sending
   with postMessage: tests/browser/test_search_status.py covers it. No
   request, no storage: it works the same from file://. */
(function () {
  var TEXT = {
    sv: { showing: "Visar resultat för", none: "Inga träffar", didYouMean: "Menade du", question: "?" },
    en: { showing: "Showing results for", none: "No results", didYouMean: "Did you mean", question: "?" }
  };
  var ANNOUNCE_AFTER_MS = 600;
  var Worker = window.Worker;
  if (!Worker || !Worker.prototype || !Worker.prototype.postMessage) return;

  function text() {
    var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2).toLowerCase();
    return TEXT[lang] || TEXT.en;
  }

  function parts() {
    var result = document.querySelector("[data-md-component=search-result]");
    if (!result) return null;
    var note = result.querySelector(".nmt-search-note"), live = result.querySelector(".nmt-search-live");
    if (!note) {
      note = document.createElement("p");
      note.className = "nmt-search-note";
      note.hidden = true;
      result.insertBefore(note, result.firstElementChild.nextSibling);  // after Material's count
    }
    if (!live) {
      live = document.createElement("div");
      live.className = "nmt-search-live nmt-visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("aria-atomic", "true");
      result.appendChild(live);
    }
    return { result: result, meta: result.firstElementChild, note: note, live: live,
             input: document.querySelector("input[data-md-component=search-query]") };
  }

  /* "Showing results for" + the query as searched, the corrected words in bold. */
  function showCorrection(note, status) {
    note.appendChild(document.createTextNode(text().showing + " "));
    status.showing.forEach(function (word, i) {
      if (i) note.appendChild(document.createTextNode(" "));
      var node = word[1] ? document.createElement("strong") : document.createTextNode(word[0]);
      if (word[1]) node.textContent = word[0];
      note.appendChild(node);
    });
  }

  /* "Did you mean" + a link that searches for the suggestion. Material's
     Enter key picks the link with the best data-md-score in the result
     (and reads it from the link's first child): with no result, that is
     this one. */
  function showSuggestion(note, suggestion) {
    var link = document.createElement("a"), label = document.createElement("span");
    link.className = "nmt-search-suggestion";
    link.href = "?q=" + encodeURIComponent(suggestion);
    label.textContent = suggestion;
    label.setAttribute("data-md-score", "0");
    link.appendChild(label);
    note.appendChild(document.createTextNode(text().didYouMean + " "));
    note.appendChild(link);
    note.appendChild(document.createTextNode(text().question));
  }

  var announcing = null;
  function announce(found) {
    clearTimeout(announcing);
    announcing = setTimeout(function () {
      if (!found.input || !found.input.value.trim()) return;
      var words = [found.meta.textContent.trim(), found.note.hidden ? "" : found.note.textContent.trim()];
      found.live.textContent = words.filter(Boolean).join(". ");
    }, ANNOUNCE_AFTER_MS);
  }

  function show(data) {
    var status = data.nmt, found = parts();
    if (!status || !found) return;
    found.note.textContent = "";
    if (!data.items.length && status.query.trim()) found.meta.textContent = text().none;  // not over Material's prompt
    if (data.items.length && status.showing) showCorrection(found.note, status);
    else if (!data.items.length && status.suggestion) showSuggestion(found.note, status.suggestion);
    found.note.hidden = !found.note.firstChild;
    found.result.setAttribute("data-nmt-query", status.query);  // what the list now shows (tests wait for it)
    announce(found);
  }

  function searchFor(event) {
    var link = event.target.closest && event.target.closest("a.nmt-search-suggestion");
    var found = parts();
    if (!link || !found || !found.input) return;
    event.preventDefault();
    event.stopPropagation();  // Material closes the search on a click on a link
    found.input.value = link.textContent;
    found.input.focus();
    found.input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));  // Material searches on keyup
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function () {
    if (!this.nmtStatus) {
      this.nmtStatus = true;
      this.addEventListener("message", function (event) {
        if (event.data && event.data.type === 3 && event.data.data) show(event.data.data);
      });
    }
    return post.apply(this, arguments);
  };

  function setUp() {
    var found = parts();
    if (found) found.result.addEventListener("click", searchFor);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
