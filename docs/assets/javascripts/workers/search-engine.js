/* The handbook's search engine: one engine for the hosted site and the
   offline copy. The index is made at build time (hooks/search_prebuilt.py);
   nmt-search.js loads it and answers Material's search box with this.

   Hand-written because nothing we could serve fits both copies: Material's
   lunr matches only word beginnings, spelled exactly, and builds its index in
   the browser on every page view; Pagefind folds diacritics and stems but
   cannot run from file:// (ES module + WebAssembly) and needs the CSP to allow
   WebAssembly; fuzzy-search libraries keep every text in memory and know
   nothing of Swedish word forms.

   What a query word finds, best first (weights in WEIGHT):
   - the words that start with it, as typed ("betänketid" finds
     "betänketiden"); one or two letters find only that word ("EU");
   - the words that start with its stem: Swedish endings (swedish-query.js),
     English ones (englishStem); Swedish "offret" also tries "offer";
   - the same with diacritics folded on both sides (fold): "manniskohandel"
     finds "människohandel" and "far" finds "får", but a word spelled as
     typed ranks first;
   - only when none of that finds anything, a word of the index that is
     close: TYPO_RULE edits at most, counted without diacritics, a swap of
     two neighbouring letters as one edit, against the start of index words
     ("regionkordinator" → "regionkoordinator…"). The result says so.
   When a query finds nothing at all, a looser rule (SUGGEST_RULE) offers one
   suggestion, which the reader chooses (search-status.js shows it).

   Ranking: per query word, the fields' scores of each word it finds (BM25
   term frequency, b = 0, as Material sets lunr; title ≫ other names ≫
   keywords ≫ text), times the query word's weight and its inverse document
   frequency; then Material's own post-boost (page entries and entries that
   hold more of the query words first) and grouping by page.

   No regular expression here is super-linear: each is a single character
   class repeated, or an alternation whose branches start with different
   characters and cannot overlap. */
var nmtSearchEngine = (function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?::[\p{L}\p{N}]+)*/gu;
  // In result HTML: a tag, an entity or a word (tags and entities are skipped).
  var HTML_TOKEN = /<[^<>]*>|&[#0-9A-Za-z]+;|[\p{L}\p{N}]+(?::[\p{L}\p{N}]+)*/gu;
  var MARKS = /[\u0300-\u036f]/g;
  var ASCII = /^[\x00-\x7f]*$/;
  // Letters that Unicode does not decompose into a base letter and a mark.
  var OTHER_LETTERS = { "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ŧ": "t" };

  var WEIGHT = { typed: 1, stem: 0.8, folded: 0.5 };
  var K1 = 1.2;
  // Edits allowed by word length (letters): [shortest length, edits], longest first.
  var TYPO_RULE = [[9, 2], [5, 1]];
  var SUGGEST_RULE = [[7, 2], [3, 1]];

  // --- Words ---------------------------------------------------------------------------

  /* The searchable words of a text, as hooks/search_prebuilt.py splits them. */
  function words(text) {
    return String(text).normalize("NFC").toLowerCase().match(WORD) || [];
  }

  function foldLetter(letter) {
    if (letter < "\u0080") return letter;
    if (OTHER_LETTERS[letter]) return OTHER_LETTERS[letter];
    var base = letter.normalize("NFD").replace(MARKS, "");
    return base.length === 1 ? base : letter;
  }

  /* A word without diacritics, letter for letter (the length stays: "å" → "a"). */
  function fold(word) {
    if (ASCII.test(word)) return word;
    var out = "";
    for (var i = 0; i < word.length; i++) out += foldLetter(word[i]);
    return out;
  }

  var ENGLISH_ENDINGS = [
    ["ments", 4], ["ment", 4], ["ings", 4], ["ing", 4], ["ions", 4], ["ion", 4], ["ies", 4],
    ["ers", 4], ["er", 4], ["ors", 4], ["or", 4], ["es", 4], ["ed", 4], ["s", 4]
  ];

  /* English endings off a query word, so that its beginning finds the other forms. */
  function englishStem(word) {
    for (var i = 0; i < ENGLISH_ENDINGS.length; i++) {
      var ending = ENGLISH_ENDINGS[i][0];
      if (word.length - ending.length >= ENGLISH_ENDINGS[i][1] && word.slice(-ending.length) === ending) {
        return word.slice(0, -ending.length);
      }
    }
    return word;
  }

  /* The stems a query word is also searched by, in the index's language. */
  function stems(word, language) {
    var found = [];
    if (language === "sv" && typeof nmtSwedishQuery === "function") {
      var stem = nmtSwedishQuery(word);
      if (stem !== word) {
        found.push(stem);
        // Swedish drops an e before r or l in inflection: offer → offret, regel → regler.
        if (/[^aeiouyåäöé][rl]$/.test(stem)) found.push(stem.slice(0, -1) + "e" + stem.slice(-1));
      }
    } else if (language === "en") {
      var english = englishStem(word);
      if (english !== word) found.push(english);
    }
    return found;
  }

  // --- Typos ---------------------------------------------------------------------------

  function allowedEdits(rule, length) {
    for (var i = 0; i < rule.length; i++) if (length >= rule[i][0]) return rule[i][1];
    return 0;
  }

  /* The fewest edits (insert, delete, replace, swap two neighbours) that make
     `query` the beginning of `word`, and how long that beginning is; null if
     more than `most`. Both already folded. */
  function prefixDistance(query, word, most) {
    var m = query.length, limit = Math.min(word.length, m + most);
    if (word.length < m - most) return null;
    var before = null, previous = new Array(m + 1), current = new Array(m + 1);
    for (var i = 0; i <= m; i++) previous[i] = i;
    var best = previous[m] <= most ? { edits: previous[m], length: 0 } : null;
    for (var j = 1; j <= limit; j++) {
      current[0] = j;
      var lowest = j;
      for (i = 1; i <= m; i++) {
        var cost = query[i - 1] === word[j - 1] ? 0 : 1;
        var value = Math.min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + cost);
        if (before && i > 1 && j > 1 && query[i - 1] === word[j - 2] && query[i - 2] === word[j - 1]) {
          value = Math.min(value, before[i - 2] + 1);
        }
        current[i] = value;
        if (value < lowest) lowest = value;
      }
      if (current[m] <= most && (!best || current[m] <= best.edits)) best = { edits: current[m], length: j };
      if (lowest > most) break;
      var spare = before || new Array(m + 1);
      before = previous;
      previous = current;
      current = spare;
    }
    return best;
  }

  // --- The index -----------------------------------------------------------------------

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  /* The unsigned integers search_prebuilt.varints() wrote (5 bits a character,
     the sixth bit: more to come), at most `count` of them. */
  function readNumbers(text, count) {
    var values = [], value = 0, shift = 0;
    for (var i = 0; i < text.length && values.length < count; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      value |= (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
        continue;
      }
      values.push(value);
      value = shift = 0;
    }
    return values;
  }

  /* First index in the sorted `list` (read through `key`) not below `word`. */
  function lowerBound(list, word, key) {
    var low = 0, high = list.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (key(list[middle]) < word) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /* meta: part 0 of the index; docs: [location, title, text, boost] per entry. */
  function Index(meta, docs) {
    this.language = meta.lang;
    this.terms = meta.terms;
    this.postings = meta.postings;
    this.boosts = meta.boosts;
    this.stop = new Set(meta.stop);
    this.docs = docs;
    this.decoded = new Map();
    this.byLocation = new Map();
    for (var d = 0; d < docs.length; d++) this.byLocation.set(docs[d][0], d);
    // The words with diacritics, by their folded form (the others fold to themselves).
    var terms = this.terms, folded = [];
    this.foldedTerms = new Array(terms.length);
    for (var t = 0; t < terms.length; t++) {
      var plain = fold(terms[t]);
      this.foldedTerms[t] = plain;
      if (plain !== terms[t]) folded.push(t);
    }
    var foldedTerms = this.foldedTerms;
    this.diacritics = folded.sort(function (a, b) {
      return foldedTerms[a] < foldedTerms[b] ? -1 : foldedTerms[a] > foldedTerms[b] ? 1 : a - b;
    });
  }

  /* A word's entries and, per entry, the sum of its fields' scores. */
  Index.prototype.posting = function (term) {
    var found = this.decoded.get(term);
    if (found) return found;
    var numbers = readNumbers(this.postings[term], Infinity), p = 0, count = numbers[p++];
    var docs = new Int32Array(count), scores = new Float64Array(count), doc = -1;
    for (var n = 0; n < count; n++) {
      doc += numbers[p++] + 1;
      var mask = numbers[p++], score = 0;
      for (var f = 0; f < this.boosts.length; f++) {
        if (!(mask & (1 << f))) continue;
        var tf = numbers[p++];
        score += this.boosts[f] * tf * (K1 + 1) / (tf + K1);
      }
      docs[n] = doc;
      scores[n] = score;
    }
    found = { docs: docs, scores: scores };
    this.decoded.set(term, found);
    return found;
  };

  /* How many entries hold a word (the first number of its posting). */
  Index.prototype.df = function (term) {
    return readNumbers(this.postings[term], 1)[0];
  };

  /* The index words that start with `word` (or are `word`, if exact). */
  Index.prototype.starting = function (word, exact) {
    var terms = this.terms, from = lowerBound(terms, word, function (t) { return t; }), found = [];
    for (var t = from; t < terms.length && terms[t].slice(0, word.length) === word; t++) {
      if (!exact || terms[t] === word) found.push(t);
    }
    return found;
  };

  /* The index words whose folded form starts with the folded `word`. */
  Index.prototype.startingFolded = function (word, exact) {
    var plain = fold(word), found = [], terms = this.terms, foldedTerms = this.foldedTerms;
    var fits = function (t) { return exact ? foldedTerms[t] === plain : foldedTerms[t].slice(0, plain.length) === plain; };
    var from = lowerBound(terms, plain, function (t) { return t; });
    for (var t = from; t < terms.length && terms[t].slice(0, plain.length) === plain; t++) if (fits(t)) found.push(t);
    var list = this.diacritics;
    for (var i = lowerBound(list, plain, function (x) { return foldedTerms[x]; }); i < list.length && fits(list[i]); i++) {
      found.push(list[i]);
    }
    return found;
  };

  /* What one query word finds: {terms: Map(term → weight), display}. */
  Index.prototype.resolve = function (word) {
    var exact = word.length <= 2, terms = new Map(), self = this;
    function add(list, weight, from) {
      list.forEach(function (t) {
        var closeness = self.terms[t].length === from.length ? 1 : 0.85 + 0.15 * from.length / self.terms[t].length;
        var value = weight * closeness;
        if (!(terms.get(t) >= value)) terms.set(t, value);
      });
      return list.length;
    }
    var display = word;
    var typed = add(this.starting(word, exact), WEIGHT.typed, word);
    var stemmed = 0, forms = exact ? [] : stems(word, this.language);
    forms.forEach(function (stem) { stemmed += add(self.starting(stem, false), WEIGHT.stem, stem); });
    var folded = add(this.startingFolded(word, exact), WEIGHT.folded, word);
    forms.forEach(function (stem) { folded += add(self.startingFolded(stem, false), WEIGHT.folded, stem); });
    if (!typed && !stemmed && folded) display = this.spelled(terms, word);
    else if (!typed && stemmed) display = forms[0];
    return { terms: terms, display: display };
  };

  /* How the index spells a word that was found only without its diacritics. */
  Index.prototype.spelled = function (terms, word) {
    var best = null, self = this;
    terms.forEach(function (weight, t) {
      if (self.foldedTerms[t].slice(0, word.length) === fold(word) &&
          (best === null || self.df(t) > self.df(best))) best = t;
    });
    return best === null ? word : this.terms[best].slice(0, word.length);
  };

  /* The index word closest to `word` under `rule`, as the reader would
     spell it (its beginning, as long as the match), or null. */
  Index.prototype.closest = function (word, rule) {
    var most = allowedEdits(rule, word.length);
    if (!most) return null;
    var plain = fold(word), best = null, bestKey = null;
    for (var t = 0; t < this.terms.length; t++) {
      var match = prefixDistance(plain, this.foldedTerms[t], most);
      if (!match || !match.length) continue;
      var key = [match.edits, match.length === this.terms[t].length ? 0 : 1, -this.df(t)];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] &&
          (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = this.terms[t].slice(0, match.length);
        bestKey = key;
      }
    }
    return best;
  };

  // --- Queries -------------------------------------------------------------------------

  /* The query's words: {word, presence} (+word required, -word left out); stop words dropped. */
  Index.prototype.parse = function (query) {
    var clauses = [], self = this;
    String(query).split(/\s+/).forEach(function (part) {
      var presence = part[0] === "+" ? 1 : part[0] === "-" ? -1 : 0;
      words(part).forEach(function (word) {
        if (!self.stop.has(word)) clauses.push({ word: word, presence: presence });
      });
    });
    return clauses;
  };

  /* Each clause resolved; a word that finds nothing is corrected under TYPO_RULE. */
  Index.prototype.resolveAll = function (clauses) {
    var self = this, corrected = [];
    clauses.forEach(function (clause) {
      clause.found = self.resolve(clause.word);
      if (clause.found.terms.size || clause.presence < 0) return;
      var closer = self.closest(clause.word, TYPO_RULE);
      if (closer) {
        clause.found = self.resolve(closer);
        clause.found.display = closer;
        corrected.push({ from: clause.word, to: closer });
      }
    });
    return corrected;
  };

  /* Per entry: the score of each clause and the words found in it. */
  Index.prototype.score = function (clauses) {
    var hits = new Map(), self = this, documents = this.docs.length;
    clauses.forEach(function (clause, c) {
      var perDoc = new Map();
      clause.found.terms.forEach(function (weight, t) {
        var posting = self.posting(t);
        for (var n = 0; n < posting.docs.length; n++) {
          var doc = posting.docs[n], entry = perDoc.get(doc);
          if (!entry) perDoc.set(doc, entry = { score: 0, terms: [] });
          entry.score += weight * posting.scores[n];
          entry.terms.push(t);
        }
      });
      // One inverse document frequency per query word: every form it finds counts alike.
      var idf = Math.log(1 + (documents - perDoc.size + 0.5) / (perDoc.size + 0.5));
      perDoc.forEach(function (entry, doc) {
        var hit = hits.get(doc);
        if (!hit) hits.set(doc, hit = { clauses: new Array(clauses.length), score: 0, terms: [] });
        hit.clauses[c] = true;
        hit.score += idf * entry.score;
        Array.prototype.push.apply(hit.terms, entry.terms);
      });
    });
    return hits;
  };

  Index.prototype.search = function (query) {
    var clauses = this.parse(query), corrected = this.resolveAll(clauses);
    var wanted = clauses.filter(function (clause) { return clause.presence >= 0; });
    if (!wanted.length) {
      return { items: [], nmt: { query: String(query), count: 0, corrected: [], showing: null, suggestion: null } };
    }
    var hits = this.score(clauses), results = [], self = this;
    hits.forEach(function (hit, doc) {
      for (var c = 0; c < clauses.length; c++) {
        if (clauses[c].presence > 0 && !hit.clauses[c]) return;
        if (clauses[c].presence < 0 && hit.clauses[c]) return;
      }
      var matched = clauses.filter(function (clause, c) { return clause.presence >= 0 && hit.clauses[c]; }).length;
      if (!matched) return;
      var location = self.docs[doc][0], page = location.indexOf("#") < 0;
      // Material's post-query boost: page entries, and entries with more of the query's words.
      var boost = (page ? 1 : 0) + matched / wanted.length;
      results.push({ doc: doc, hit: hit, score: hit.score * self.docs[doc][3] * (1 + boost * boost) });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    var items = this.group(results, wanted, clauses);
    var corrections = new Map(corrected.map(function (change) { return [change.from, change.to]; }));
    return {
      items: items,
      nmt: {
        query: String(query), count: items.length, corrected: corrected,
        // The query as searched, each word with whether it was corrected.
        showing: corrected.length ? words(query).map(function (word) {
          return corrections.has(word) ? [corrections.get(word), true] : [word, false];
        }) : null,
        suggestion: items.length ? null : this.suggestion(clauses)
      }
    };
  };

  /* One suggestion for a query that found nothing: its words that found
     nothing, each replaced by the closest index word under SUGGEST_RULE. */
  Index.prototype.suggestion = function (clauses) {
    var changed = false, self = this;
    var suggested = clauses.filter(function (clause) { return clause.presence >= 0; }).map(function (clause) {
      if (clause.found.terms.size) return clause.found.display;
      var closer = self.closest(clause.word, SUGGEST_RULE);
      if (closer) changed = true;
      return closer || clause.word;
    });
    return changed ? suggested.join(" ") : null;
  };

  // --- Results as Material shows them ------------------------------------------------

  Index.prototype.group = function (results, wanted, clauses) {
    var groups = new Map(), self = this;
    results.forEach(function (result) {
      var location = self.docs[result.doc][0], page = location.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(self.item(result, clauses));
    });
    var items = [];
    groups.forEach(function (group, page) {
      if (!group.some(function (item) { return item.location === page; }) && self.byLocation.has(page)) {
        var article = self.docs[self.byLocation.get(page)];
        group.push({ location: article[0], title: article[1], text: article[2], score: 0, terms: {} });
      }
      items.push(group);
    });
    return items;
  };

  Index.prototype.item = function (result, clauses) {
    var doc = this.docs[result.doc], found = new Set(), terms = {};
    for (var i = 0; i < result.hit.terms.length; i++) found.add(this.terms[result.hit.terms[i]]);
    clauses.forEach(function (clause, c) {
      if (clause.presence >= 0) terms[clause.found.display] = !!result.hit.clauses[c];
    });
    return {
      location: doc[0], title: highlight(doc[1], found, true), text: highlight(doc[2], found, false),
      score: result.score, terms: terms
    };
  };

  // Elements without an end tag: they open no block.
  var VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

  function tagName(tag) {
    return (tag.match(/^<\/?([A-Za-z0-9]+)/) || ["", ""])[1].toLowerCase();
  }

  /* HTML with the found words marked, cut into top-level blocks (as
     Material's search cuts a text): [[html of the block, marked?], …]. */
  function markedBlocks(html, found) {
    var blocks = [], depth = 0, marked = false, out = "", at = 0, match;
    HTML_TOKEN.lastIndex = 0;
    while ((match = HTML_TOKEN.exec(html)) !== null) {
      var token = match[0], first = token[0];
      if (first === "<") {
        var closing = token[1] === "/";
        if (closing) depth -= 1;
        else if (token[1] !== "!" && token[token.length - 2] !== "/" && !VOID.has(tagName(token))) depth += 1;
        if (closing && depth <= 0) {  // a top-level block ends here
          blocks.push([out + html.slice(at, HTML_TOKEN.lastIndex), marked]);
          at = HTML_TOKEN.lastIndex;
          out = "";
          marked = false;
          depth = 0;
        }
        continue;
      }
      if (first === "&" || !found.has(token.normalize("NFC").toLowerCase())) continue;
      out += html.slice(at, match.index) + "<mark>" + token + "</mark>";
      at = HTML_TOKEN.lastIndex;
      marked = true;
    }
    out += html.slice(at);
    if (out) blocks.push([out, marked]);
    return blocks;
  }

  /* A title with the found words marked; of a text, as Material shows it,
     the first two top-level blocks that hold a found word (or the whole
     text if none does). */
  function highlight(html, found, whole) {
    var blocks = markedBlocks(html, found);
    var chosen = whole ? blocks : blocks.filter(function (block) { return block[1]; }).slice(0, 2);
    return chosen.length ? chosen.map(function (block) { return block[0]; }).join("") : html;
  }

  return {
    Index: Index, words: words, fold: fold, englishStem: englishStem, stems: stems,
    prefixDistance: prefixDistance, allowedEdits: allowedEdits, highlight: highlight,
    TYPO_RULE: TYPO_RULE, SUGGEST_RULE: SUGGEST_RULE
  };
})();
