/* The handbook's search engine: one engine for the hosted site and the
   offline copy. The index is made at build time (hooks/nmt/search/prebuilt.py);
   nmt-search.js loads it and answers Material's search box with this.

   Hand-written because nothing we could serve fits both copies: Material's
   lunr matches only word beginnings, spelled exactly, and builds its index in
   the browser on every page view (2-2.4 s and 200-270 MB at 2000 pages per
   language); Pagefind folds diacritics and stems but cannot run from file://
   (ES module + WebAssembly) and needs the CSP to allow WebAssembly;
   MiniSearch has prefix and fuzzy search, but its index is built in
   JavaScript (in the browser, the cost above, or at build time with Node,
   which the Python build does not have) and its saved form is tied to its
   own code; none knows Swedish word forms or says which word it corrected.

   What a query word finds, best first (weights in WEIGHT):
   - the words that start with it, as typed ("betänketid" finds
     "betänketiden"); one or two letters find only that word ("EU");
   - the words that start with its stem: Swedish endings (swedish-query.js),
     English ones (englishStem); Swedish "offret" also tries "offer";
   - the same with diacritics folded on both sides (fold): "manniskohandel"
     finds "människohandel" and "far" finds "får", but a word spelled as
     typed ranks first;
   - if none of that finds anything (or only rare words while it is not a
     word of the index itself), the closest word of the index under
     TYPO_RULE: edits counted without diacritics, a swap of two neighbouring
     letters as one edit, against the start of index words
     ("regionkordinator" → "regionkoordinator…"). The result says so.
   When a query finds nothing at all, a looser rule (SUGGEST_RULE) offers one
   suggestion, which the reader chooses (search-status.js shows it).

   Ranking: per query word and entry, the best of the words it finds: their
   fields' scores (BM25 term frequency, b = 0, as Material sets lunr; weights
   per field in hooks/nmt/search/prebuilt.py: title, other names, keywords,
   glossary forms, text) times the word's weight; times the query word's
   inverse document frequency. A page's own entry stands for the whole page
   (its sections count at SECTION_SHARE). Then Material's own post-boost
   (page entries and entries that hold more of the query words first) and
   grouping by page.

   No regular expression here is super-linear: each is a single character
   class repeated, or an alternation whose branches start with different
   characters and cannot overlap. */
var nmtSearchEngine = (function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?::[\p{L}\p{N}]+)*/gu;
  // In result HTML: a tag, an entity or a word (tags and entities are skipped).
  var HTML_TOKEN = /<[^<>]*>|&[#0-9A-Za-z]+;|[\p{L}\p{N}]+(?::[\p{L}\p{N}]+)*/gu;
  var TAG = /<[^<>]*>/g;
  var MARKS = /[\u0300-\u036f]/g;
  var ASCII = /^[\x00-\x7f]*$/;
  // Letters that Unicode does not decompose into a base letter and a mark.
  var OTHER_LETTERS = { "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ŧ": "t" };

  var WEIGHT = { typed: 1, stem: 0.8, folded: 0.5 };
  var K1 = 1.2;
  // Edits allowed by word length (letters): [shortest length, edits], longest
  // first. Measured with bench/typo_rule.js on the handbook's Swedish and
  // English indexes (words with random typos; real words the index lacks):
  // one edit finds the right word for 87-89 % of one-letter typos at six
  // letters and wrongly corrects 19-26 % of absent words, but at five letters
  // finds 70-82 % and wrongly corrects 45-51 %; two edits at ten letters find
  // 90 % of two-letter typos and wrongly correct 13-19 %, at nine 75-83 % and
  // 33-36 %. Shorter words get a suggestion instead (SUGGEST_RULE), which the
  // reader chooses.
  var TYPO_RULE = [[10, 2], [6, 1]];
  var SUGGEST_RULE = [[7, 2], [3, 1]];
  var RARE_MATCHES = 10;
  var MAX_WORDS = 24;       // query words searched (one bit each in a 32-bit mask)
  var SECTION_SHARE = 0.5;  // a section's part in its page's score
  var DETAILED_PAGES = 50;  // result pages sent with every entry, marked (see group)

  // --- Words ---------------------------------------------------------------------------

  /* The searchable words of a text, as hooks/nmt/search/prebuilt.py splits them. */
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

  /* The fewest edits (insert, delete, replace, swap two neighbours) that
     make `query` the beginning of a word, and how long that beginning is,
     for one word after another (to(word) → {edits, length} or null if more
     than `most`). Words come sorted, so most share their first letters with
     the word before: the table's rows for those letters are kept, not
     computed again, and a beginning that is already too far off skips every
     word that shares it. Both already folded. */
  function Distances(query, most) {
    var m = query.length, depth = m + most;
    this.query = query;
    this.most = most;
    this.rows = [];
    for (var j = 0; j <= depth; j++) this.rows.push(new Int32Array(m + 1));
    for (var i = 0; i <= m; i++) this.rows[0][i] = i;
    this.bestEdits = new Int32Array(depth + 1);   // the fewest edits in rows 0..j
    this.bestLength = new Int32Array(depth + 1);  // … at the longest beginning
    this.bestEdits[0] = m;
    this.word = "";
    this.done = 0;           // rows 1..done belong to this.word's first letters
    this.dead = depth + 1;   // a row where every value exceeds `most`
  }

  Distances.prototype.to = function (word) {
    var query = this.query, m = query.length, most = this.most, rows = this.rows;
    if (word.length < m - most) return null;
    var common = 0, shared = Math.min(this.done, word.length);
    while (common < shared && this.word.charCodeAt(common) === word.charCodeAt(common)) common++;
    this.word = word;
    if (this.dead <= common) {
      this.done = common;
      return null;
    }
    this.dead = rows.length;
    var limit = Math.min(word.length, m + most), end = limit;
    for (var j = common + 1; j <= limit; j++) {
      var row = rows[j], up = rows[j - 1], twoUp = j > 1 ? rows[j - 2] : null;
      var letter = word.charCodeAt(j - 1), lowest = j;
      row[0] = j;
      for (var i = 1; i <= m; i++) {
        var value = Math.min(up[i] + 1, row[i - 1] + 1, up[i - 1] + (query.charCodeAt(i - 1) === letter ? 0 : 1));
        if (twoUp && i > 1 && query.charCodeAt(i - 1) === word.charCodeAt(j - 2) &&
            query.charCodeAt(i - 2) === letter && twoUp[i - 2] + 1 < value) value = twoUp[i - 2] + 1;
        row[i] = value;
        if (value < lowest) lowest = value;
      }
      if (row[m] <= this.bestEdits[j - 1]) {
        this.bestEdits[j] = row[m];
        this.bestLength[j] = j;
      } else {
        this.bestEdits[j] = this.bestEdits[j - 1];
        this.bestLength[j] = this.bestLength[j - 1];
      }
      if (lowest > most) {
        this.dead = end = j;
        break;
      }
    }
    this.done = end;
    return this.bestEdits[end] <= most && this.bestLength[end] ? { edits: this.bestEdits[end], length: this.bestLength[end] } : null;
  };

  /* The same for one word. */
  function prefixDistance(query, word, most) {
    return new Distances(query, most).to(word);
  }

  // --- The index -----------------------------------------------------------------------

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  /* The unsigned integers prebuilt.varints() wrote (5 bits a character,
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
    this.textBit = 1 << meta.fields.indexOf("text");
    this.decoded = new Map();
    // Each entry's page entry (itself for a page), or -1 if the index has
    // none (meta.pages: hooks/nmt/search/prebuilt.py, page_steps).
    var steps = readNumbers(meta.pages, Infinity);
    this.pageOf = new Int32Array(docs.length);
    for (var d = 0; d < docs.length; d++) this.pageOf[d] = steps[d] ? d - steps[d] + 1 : -1;
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

  /* A word's entries and, per entry, the sum of its fields' scores and
     which fields hold it (bit f: field f of meta.fields). */
  Index.prototype.posting = function (term) {
    var found = this.decoded.get(term);
    if (found) return found;
    var numbers = readNumbers(this.postings[term], Infinity), p = 0, count = numbers[p++];
    var docs = new Int32Array(count), scores = new Float64Array(count), masks = new Uint8Array(count), doc = -1;
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
      masks[n] = mask;
    }
    found = { docs: docs, scores: scores, masks: masks };
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

  /* What one query word finds: {terms: Map(term → weight), display, known,
     df}. known: the word (or a stem, or either without diacritics) is itself
     a word of the index; df: how many entries its words are in, summed. */
  Index.prototype.resolve = function (word) {
    var exact = word.length <= 2, terms = new Map(), self = this, known = false;
    function add(list, weight, from) {
      list.forEach(function (t) {
        var term = self.terms[t], whole = term.length === from.length;
        var value = weight * (whole ? 1 : 0.85 + 0.15 * from.length / term.length);
        if (whole) known = true;
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
    var df = 0;
    terms.forEach(function (weight, t) { df += self.df(t); });
    return { terms: terms, display: display, known: known, df: df };
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
     spell it (its beginning, as long as the match): {word, edits, df}, or
     null. Fewest edits first, then a whole word, then a match as long as
     the typed word, then the word in most entries. `least`: the fewest
     edits to count (1: not the word itself). */
  Index.prototype.closest = function (word, rule, least) {
    var most = allowedEdits(rule, word.length);
    if (!most) return null;
    var distances = new Distances(fold(word), most), best = null, bestKey = null;
    for (var t = 0; t < this.terms.length; t++) {
      var match = distances.to(this.foldedTerms[t]);
      if (!match || match.edits < (least || 0)) continue;
      var df = this.df(t);
      var key = [match.edits, match.length === this.terms[t].length ? 0 : 1, Math.abs(match.length - word.length), -df];
      if (!bestKey || before(key, bestKey)) {
        best = { word: this.terms[t].slice(0, match.length), edits: match.edits, df: df };
        bestKey = key;
      }
    }
    return best;
  };

  function before(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  // --- Queries -------------------------------------------------------------------------

  /* The query's words: {word, presence} (+word required, -word left out); stop words dropped. */
  Index.prototype.parse = function (query) {
    var clauses = [], self = this;
    String(query).split(/\s+/).forEach(function (part) {
      var presence = part[0] === "+" ? 1 : part[0] === "-" ? -1 : 0;
      words(part).forEach(function (word) {
        if (!self.stop.has(word) && clauses.length < MAX_WORDS) clauses.push({ word: word, presence: presence });
      });
    });
    return clauses;
  };

  /* Each clause resolved. A word is corrected to the closest index word
     under TYPO_RULE when it finds nothing, or when it is not itself a word
     of the index and finds only rare words while the close word is in
     RARE_MATCHES times more entries (English "polise" begins only the
     Swedish "polisen", once; "police" is everywhere). */
  Index.prototype.resolveAll = function (clauses) {
    var self = this, corrected = [];
    clauses.forEach(function (clause) {
      var found = clause.found = self.resolve(clause.word);
      if (clause.presence < 0 || found.known || RARE_MATCHES * found.df > self.docs.length) return;
      var closer = self.closest(clause.word, TYPO_RULE, found.terms.size ? 1 : 0);
      if (!closer || (found.terms.size && closer.df < RARE_MATCHES * found.df)) return;
      clause.found = self.resolve(closer.word);
      clause.found.display = closer.word;
      corrected.push({ from: clause.word, to: closer.word });
    });
    return corrected;
  };

  /* Per entry: its score, which clauses it holds (bit c: clause c) and in
     which fields (bit f: field f). A page's own entry stands for the whole
     page: per query word it counts the best of its own score and, at
     SECTION_SHARE, its sections' scores, and it holds the words any of them
     holds, so a page that answers every word of a question in different
     sections ranks as a whole. Typed arrays over all entries, so a query
     costs the same however common its words are. */
  Index.prototype.score = function (clauses) {
    var documents = this.docs.length, self = this, pageOf = this.pageOf;
    var total = new Float64Array(documents), held = new Int32Array(documents), fields = new Uint8Array(documents);
    var clauseScore = new Float64Array(documents), pageScore = new Float64Array(documents), touched = [], pages = [];
    var found = [], seen = new Uint8Array(documents);  // every entry any clause reached, once
    clauses.forEach(function (clause, c) {
      var count = 0, pageCount = 0;
      clause.found.terms.forEach(function (weight, t) {
        var posting = self.posting(t);
        for (var n = 0; n < posting.docs.length; n++) {
          var doc = posting.docs[n];
          if (clauseScore[doc] === 0) touched[count++] = doc;
          // The best of the forms it finds, not their sum: a list of inflections scores as one word.
          if (weight * posting.scores[n] > clauseScore[doc]) clauseScore[doc] = weight * posting.scores[n];
          if (clause.presence >= 0) fields[doc] |= posting.masks[n];
        }
      });
      // One inverse document frequency per query word: every form it finds counts alike.
      var idf = Math.log(1 + (documents - count + 0.5) / (count + 0.5)), i, doc, page;
      for (i = 0; i < count; i++) {
        doc = touched[i];
        page = pageOf[doc];
        var own = idf * clauseScore[doc], share = page === doc ? own : own * SECTION_SHARE;
        if (page !== doc) {
          if (!seen[doc]) found.push(doc);
          seen[doc] = 1;
          total[doc] += own;
          held[doc] |= 1 << c;
        }
        if (page >= 0) {
          if (pageScore[page] === 0) pages[pageCount++] = page;
          if (share > pageScore[page]) pageScore[page] = share;
        }
        clauseScore[doc] = 0;
      }
      for (i = 0; i < pageCount; i++) {
        page = pages[i];
        if (!seen[page]) found.push(page);
        seen[page] = 1;
        total[page] += pageScore[page];
        held[page] |= 1 << c;
        pageScore[page] = 0;
      }
    });
    return { total: total, held: held, fields: fields, found: found };
  };

  /* The entries that answer the query, best first: [{doc, score, held}]. */
  Index.prototype.rank = function (clauses, scores) {
    var required = 0, prohibited = 0, wanted = 0, results = [];
    clauses.forEach(function (clause, c) {
      if (clause.presence > 0) required |= 1 << c;
      if (clause.presence < 0) prohibited |= 1 << c;
      else wanted += 1;
    });
    for (var i = 0; i < scores.found.length; i++) {
      var doc = scores.found[i], held = scores.held[doc];
      if (!(held & ~prohibited) || (held & required) !== required || (held & prohibited)) continue;
      var matched = 0;
      for (var bits = held; bits; bits &= bits - 1) matched += 1;
      // Material's post-query boost: page entries, and entries with more of the query's words.
      var boost = (this.pageOf[doc] === doc ? 1 : 0) + matched / wanted;
      results.push({ doc: doc, held: held, score: scores.total[doc] * this.docs[doc][3] * (1 + boost * boost) });
    }
    return results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  };

  Index.prototype.search = function (query) {
    var clauses = this.parse(query), corrected = this.resolveAll(clauses);
    var wanted = clauses.filter(function (clause) { return clause.presence >= 0; });
    var scores = wanted.length ? this.score(clauses) : null;
    var items = wanted.length ? this.group(this.rank(clauses, scores), clauses, scores.fields) : [];
    var corrections = new Map(corrected.map(function (change) { return [change.from, change.to]; }));
    return {
      items: items,
      nmt: {
        query: String(query), count: items.length, corrected: corrected,
        // The query as searched, each word with whether it was corrected.
        showing: corrected.length ? words(query).map(function (word) {
          return corrections.has(word) ? [corrections.get(word), true] : [word, false];
        }) : null,
        suggestion: items.length || !wanted.length ? null : this.suggestion(clauses)
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
      return closer ? closer.word : clause.word;
    });
    return changed ? suggested.join(" ") : null;
  };

  // --- Results as Material shows them ------------------------------------------------

  /* Results grouped by page as Material's worker groups them, each group
     with its page's own entry (added unscored if the query missed it). The
     first DETAILED_PAGES pages come with every entry that matched, marked;
     the pages after them, which Material shows only as the reader scrolls
     that far, with their own entry and its first block: every page still
     counts, and a common word does not make the worker mark and send the
     whole site. */
  Index.prototype.group = function (results, clauses, fields) {
    var groups = new Map(), self = this, items = [];
    results.forEach(function (result) {
      var page = self.pageOf[result.doc], key = page >= 0 ? page : self.docs[result.doc][0].split("#")[0];
      var group = groups.get(key);
      if (!group) groups.set(key, group = []);
      group.push(result);
    });
    groups.forEach(function (group, key) {
      var article = typeof key === "number" ? key : undefined;
      if (items.length >= DETAILED_PAGES && article !== undefined) {
        var doc = self.docs[article];
        items.push([{ location: doc[0], title: doc[1], text: firstBlock(doc[2]), score: group[0].score, terms: {} }]);
        return;
      }
      var shown = group.map(function (result) { return self.item(result, clauses, fields[result.doc]); });
      if (!group.some(function (result) { return result.doc === article; }) && article !== undefined) {
        shown.push({ location: self.docs[article][0], title: self.docs[article][1], text: self.docs[article][2],
                     score: 0, terms: {} });
      }
      items.push(shown);
    });
    return items;
  };

  /* Does the entry `doc` hold the index word `t`? */
  Index.prototype.holds = function (t, doc) {
    var docs = this.posting(t).docs, low = 0, high = docs.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (docs[middle] < doc) low = middle + 1;
      else high = middle;
    }
    return low < docs.length && docs[low] === doc;
  };

  /* One result as Material's worker gives it: location, title and text with
     the found words marked, score, and per query word whether it was found
     (Material lists the missing ones and highlights the others on the page). */
  Index.prototype.item = function (result, clauses, fields) {
    var doc = this.docs[result.doc], found = new Set(), terms = {}, self = this;
    clauses.forEach(function (clause, c) {
      if (clause.presence < 0) return;
      var held = (result.held >> c) & 1;
      terms[clause.found.display] = terms[clause.found.display] || !!held;
      if (held) clause.found.terms.forEach(function (weight, t) { if (self.holds(t, result.doc)) found.add(self.terms[t]); });
    });
    return {
      location: doc[0], title: highlight(doc[1], found, true),
      text: fields & this.textBit ? highlight(doc[2], found, false) : doc[2], score: result.score, terms: terms
    };
  };

  // Elements without an end tag: they open no block.
  var VOID = /^<(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)(?=[\s\/>])/i;

  /* How a tag changes the depth of elements: +1 opens, -1 closes, 0 neither
     (a comment, a self-closed or a void element). */
  function nesting(tag) {
    if (tag[1] === "/") return -1;
    return tag[1] === "!" || tag[tag.length - 2] === "/" || VOID.test(tag) ? 0 : 1;
  }

  /* HTML with the found words marked, cut into top-level blocks (as
     Material's search cuts a text): [[html of the block, marked?], …], at
     most `wanted` marked blocks (then it stops reading). */
  function markedBlocks(html, found, wanted) {
    var lower = html.toLowerCase(), source = lower.length === html.length ? lower : html;
    var blocks = [], depth = 0, marked = 0, out = "", at = 0, match, count = 0;
    HTML_TOKEN.lastIndex = 0;
    while ((match = HTML_TOKEN.exec(source)) !== null) {
      var token = match[0], first = token[0];
      if (first === "<") {
        depth += nesting(token);
        if (token[1] === "/" && depth <= 0) {  // a top-level block ends here
          blocks.push([out + html.slice(at, HTML_TOKEN.lastIndex), marked > 0]);
          if (marked && ++count === wanted) return blocks;
          at = HTML_TOKEN.lastIndex;
          out = "";
          marked = depth = 0;
        }
        continue;
      }
      if (first === "&" || !found.has(source === html ? token.toLowerCase() : token)) continue;
      out += html.slice(at, match.index) + "<mark>" + html.slice(match.index, HTML_TOKEN.lastIndex) + "</mark>";
      at = HTML_TOKEN.lastIndex;
      marked += 1;
    }
    out += html.slice(at);
    if (out) blocks.push([out, marked > 0]);
    return blocks;
  }

  /* The first top-level block of an HTML text (all of it if it has none). */
  function firstBlock(html) {
    var depth = 0, match;
    TAG.lastIndex = 0;
    while ((match = TAG.exec(html)) !== null) {
      depth += nesting(match[0]);
      if (match[0][1] === "/" && depth <= 0) return html.slice(0, TAG.lastIndex);
    }
    return html;
  }

  /* A title with the found words marked; of a text, as Material shows it,
     the first two top-level blocks that hold a found word (or the whole
     text if none does). */
  function highlight(html, found, whole) {
    var blocks = markedBlocks(html, found, whole ? Infinity : 2);
    var chosen = whole ? blocks : blocks.filter(function (block) { return block[1]; });
    return chosen.length ? chosen.map(function (block) { return block[0]; }).join("") : html;
  }

  return {
    Index: Index, words: words, fold: fold, englishStem: englishStem, stems: stems,
    Distances: Distances, prefixDistance: prefixDistance, allowedEdits: allowedEdits, highlight: highlight,
    TYPO_RULE: TYPO_RULE, SUGGEST_RULE: SUGGEST_RULE
  };
})();
