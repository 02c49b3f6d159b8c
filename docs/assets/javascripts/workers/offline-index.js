/* The offline copy's search index, prebuilt at build time.

   Offline (file://) the search "worker" runs in a hidden iframe on the
   page's own thread (iframe-worker), so building the lunr index there froze
   the page on every page view (~2.6 s at 2000 pages per language).
   hooks/nmt/search/prebuilt.py tokenises every entry at build time exactly as
   Material's worker does and writes term numbers, postings, positions and
   Material's position tables compactly. This file turns them into the
   lunr.Index that Material's own code would have built: Material still runs
   its Search set-up (so its document map, position tables and search code
   are its own), but lunr.Builder's add() and build() are replaced for that
   one build. The index then holds lazy stand-ins: a term's postings, an
   entry's field vectors and position table are decoded the first time a
   query touches them, and every score is computed with lunr's own formula
   here, in the browser, so results and their order are those of the online
   site. Anything unexpected (another lunr version, pipeline, fields or
   separator) hands every document back to lunr's real add(): slower, same
   result.

   Loaded by nmt-search.js only when the search index names prebuilt parts
   (the offline copy); online the worker builds in its own thread as before. */
var nmtPrebuiltIndex = (function () {
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

  // All unsigned integers of a string (as search_prebuilt.varints() writes
  // them) into a reusable buffer; returns the buffer.
  function Ints() { this.values = new Int32Array(4096); }
  Ints.prototype.read = function (text) {
    var values = this.values, count = 0, value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      value |= (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
        continue;
      }
      if (count === values.length) {
        var larger = new Int32Array(values.length * 2);
        larger.set(values);
        this.values = values = larger;
      }
      values[count++] = value;
      value = shift = 0;
    }
    return values;
  };

  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  function Prebuilt(lunr, meta, docs, entries, tokenSet) {
    this.lunr = lunr;
    this.meta = meta;
    this.docs = docs;
    this.entries = entries;
    this.tokenSet = tokenSet;
    this.fields = Object.keys(meta.fields);
    this.termNumber = new Map();
    for (var t = 0; t < meta.terms.length; t++) this.termNumber.set(meta.terms[t], t);
    this.number = new Map();
    for (var n = 0; n < docs.length; n++) this.number.set(docs[n].location, n);
    this.decoded = new Array(docs.length);
    this.tables = new Array(docs.length);
    this.boosts = new Array(docs.length);
    this.postings = new Map();
    this.entryInts = new Ints();
    this.postingInts = new Ints();
  }

  // lunr's token set (its wildcard and fuzzy matching) from the sorted terms,
  // as lunr.TokenSet.fromArray() builds it, in slices between other work.
  function buildTokenSet(lunr, terms, pause) {
    var sorted = terms.slice().sort(), i = 0, builder = new lunr.TokenSet.Builder();
    return new Promise(function (resolve) {
      (function slice() {
        var until = performance.now() + 8;
        while (i < sorted.length && performance.now() < until) {
          for (var end = Math.min(sorted.length, i + 500); i < end; i++) builder.insert(sorted[i]);
        }
        if (i < sorted.length) return pause(slice);
        builder.finish();
        resolve(builder.root);
      })();
    });
  }

  // One entry, the first time a query reaches it: per field, the terms and
  // term frequencies of its lunr field vector, and its blocks pushed into
  // Material's position table (registered for it during add()).
  Prebuilt.prototype.decode = function (n) {
    if (this.decoded[n]) return this.decoded[n];
    var v = this.entryInts.read(this.entries[n]), p = 0, tables = this.tables[n], fields = [];
    for (var f = 0; f < this.fields.length; f++) {
      var count = v[p++], numbers = new Array(count), frequencies = new Array(count), term = -1, length = 0;
      for (var i = 0; i < count; i++) {
        numbers[i] = term += v[p++] + 1;
        length += frequencies[i] = v[p++];
      }
      var table = tables && tables[f], blocks = v[p++], end = 0;
      for (var k = 0; k < blocks; k++) {
        var size = v[p++], block = new Array(size);
        for (var e = 0; e < size; e++) {
          var head = v[p++], kind = head % 3, step = (head - kind) / 3, width = v[p++];
          var start = end + (step & 1 ? -(step + 1) / 2 : step / 2);
          block[e] = start << 12 | width << 2 | kind;  // as Material's tokenizer encodes it
          end = start + width;
        }
        if (table) table.push(block);
      }
      fields.push({ numbers: numbers, frequencies: frequencies, length: length, vector: null });
    }
    return this.decoded[n] = fields;
  };

  // invertedIndex[term]: {_index, field: {location: {position: [...]}}}, entries in index order.
  Prebuilt.prototype.posting = function (term) {
    var posting = this.postings.get(term);
    if (posting) return posting;
    var number = this.termNumber.get(term);
    if (number === undefined) return undefined;
    var v = this.postingInts.read(this.meta.postings[number]), p = 0;
    posting = Object.create(null);
    posting._index = number;
    for (var f = 0; f < this.fields.length; f++) {
      var field = Object.create(null), count = v[p++], n = -1;
      for (var i = 0; i < count; i++) {
        n += v[p++] + 1;
        var size = v[p++], positions = new Array(size), block = 0, entry = -1;
        for (var j = 0; j < size; j++) {
          var step = v[p++], value = v[p++];
          if (step) {
            block += step;
            entry = value;
          } else {
            entry += value + 1;
          }
          positions[j] = block << 20 | entry;  // as Material's tokenizer encodes a position
        }
        var metadata = Object.create(null);
        metadata.position = positions;
        field[this.docs[n].location] = metadata;
        // Every entry a query can find comes through here: fill its position tables now.
        this.decode(n);
      }
      posting[this.fields[f]] = field;
    }
    this.postings.set(term, posting);
    return posting;
  };

  // fieldVectors["field/location"]: lunr.Builder.createFieldVectors() for one field of one entry.
  Prebuilt.prototype.vector = function (key) {
    var slash = key.indexOf("/"), f = this.fields.indexOf(key.slice(0, slash));
    var n = this.number.get(key.slice(slash + 1));
    if (slash < 0 || f < 0 || n === undefined) return undefined;
    var field = this.decode(n)[f];
    if (field.vector) return field.vector;
    var k1 = this.k1, b = this.b, fieldBoost = this.fieldBoosts[f], docBoost = this.boosts[n];
    var norm = k1 * (1 - b + b * (field.length / this.meta.average[f]));
    var elements = new Array(2 * field.numbers.length);
    for (var i = 0; i < field.numbers.length; i++) {
      var tf = field.frequencies[i];
      var score = this.idf[field.numbers[i]] * ((k1 + 1) * tf) / (norm + tf);
      score *= fieldBoost;
      score *= docBoost;
      elements[2 * i] = field.numbers[i];
      elements[2 * i + 1] = Math.round(score * 1000) / 1000;
    }
    return field.vector = new this.lunr.Vector(elements);
  };

  // Lazy stand-ins for lunr.Index's invertedIndex and fieldVectors objects.
  function lazyObject(keys, get, has) {
    return new Proxy(Object.create(null), {
      get: function (target, key) { return typeof key === "string" ? get(key) : undefined; },
      has: function (target, key) { return typeof key === "string" && has(key); },
      ownKeys: keys,
      // Listing the keys (lunr does for a query of prohibited terms only) decodes nothing.
      getOwnPropertyDescriptor: function (target, key) {
        if (typeof key !== "string" || !has(key)) return undefined;
        return { get: function () { return get(key); }, enumerable: true, configurable: true };
      }
    });
  }

  Prebuilt.prototype.index = function (builder) {
    var self = this, lunr = this.lunr, meta = this.meta;
    this.k1 = builder._k1;
    this.b = builder._b;
    this.fieldBoosts = this.fields.map(function (name) { return builder._fields[name].boost || 1; });
    // lunr.idf(): the term's postings over all fields.
    this.idf = new Float64Array(meta.terms.length);
    for (var t = 0; t < meta.terms.length; t++) {
      var x = (this.docs.length - meta.df[t] + 0.5) / (meta.df[t] + 0.5);
      this.idf[t] = Math.log(1 + Math.abs(x));
    }
    var invertedIndex = lazyObject(function () { return meta.terms.slice(); },
      function (term) { return self.posting(term); },
      function (term) { return self.termNumber.has(term); });
    var fieldVectors = lazyObject(function () {
      var keys = [];
      for (var n = 0; n < self.docs.length; n++)
        for (var f = 0; f < self.fields.length; f++) keys.push(self.fields[f] + "/" + self.docs[n].location);
      return keys;
    }, function (key) { return self.vector(key); }, function (key) {
      var slash = key.indexOf("/");
      return slash >= 0 && self.fields.indexOf(key.slice(0, slash)) >= 0 && self.number.has(key.slice(slash + 1));
    });
    return new lunr.Index({
      invertedIndex: invertedIndex, fieldVectors: fieldVectors, tokenSet: this.tokenSet,
      fields: Object.keys(builder._fields), pipeline: builder.searchPipeline
    });
  };

  // Does Material's builder build exactly what search/prebuilt.py assumed?
  Prebuilt.prototype.fits = function (builder) {
    var meta = this.meta, lunr = this.lunr, fields = this.fields;
    return meta.format === 1 && lunr.version === "2.3.9" && !!this.tokenSet
      && meta.documents === this.docs.length && builder._ref === "location"
      && sameList(Object.keys(builder._fields), fields)
      && fields.every(function (name) {
        var spec = builder._fields[name];
        return spec.boost === meta.fields[name].boost && typeof spec.extractor === "function";
      })
      && sameList(builder.pipeline._stack.map(function (fn) { return fn.label; }), meta.pipeline)
      && sameList(builder.metadataWhitelist, ["position"])
      && builder.tokenizer !== lunr.tokenizer  // Material's own tokenizer, whose tables we fill
      && lunr.tokenizer.separator.source === meta.separator;
  };

  // Replace lunr.Builder's add() and build() for the next build only.
  Prebuilt.prototype.install = function () {
    var self = this, Builder = this.lunr.Builder.prototype, add = Builder.add, build = Builder.build;
    var skipped = [], fits = null;
    Builder.add = function (doc, attributes) {
      var n = skipped.length;
      if (fits === null) fits = self.fits(this);
      if (fits && doc !== self.docs[n]) {  // not our documents: build them for real
        fits = false;
        for (var i = 0; i < skipped.length; i++) add.call(this, skipped[i][0], skipped[i][1]);
      }
      if (!fits) return add.call(this, doc, attributes);
      skipped.push([doc, attributes]);
      self.boosts[n] = (attributes || {}).boost || 1;
      var tables = [];
      for (var f = 0; f < self.fields.length; f++) {
        // Material's extractor registers the field's (empty) position table
        // and leaves it in lunr.tokenizer.table; decode() fills it later.
        this._fields[self.fields[f]].extractor(doc);
        tables.push(typeof doc[self.fields[f]] === "undefined" ? null : self.lunr.tokenizer.table);
      }
      self.tables[n] = tables;
    };
    Builder.build = function () {
      Builder.add = add;
      Builder.build = build;
      if (!fits || skipped.length !== self.docs.length) {
        if (fits) for (var i = 0; i < skipped.length; i++) add.call(this, skipped[i][0], skipped[i][1]);
        self.used = false;
        return build.call(this);
      }
      self.used = true;
      return self.index(this);
    };
  };

  Prebuilt.buildTokenSet = buildTokenSet;
  return Prebuilt;
})();
