// What would a prebuilt lunr index save? Builds the index from a
// search_index.json as Material 9.8's worker does (same lunr 2.3.9, same
// fields, boosts, language, pipeline and separator; HTML tags stripped
// instead of Material's position-recording tokenizer), then serializes it
// and loads it back with lunr.Index.load. Prints JSON (times in ms).
// Usage: node bench/lunr_prebuilt.js MATERIAL_JAVASCRIPTS_DIR SEARCH_INDEX_JSON
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require("lunr");

const [materialDir, indexFile] = process.argv.slice(2);
const { config, docs } = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const language = config.lang.length === 1 && config.lang[0] !== "en" ? config.lang[0] : null;
if (language) {
  require(path.join(materialDir, "lunr/min/lunr.stemmer.support.min.js"))(lunr);
  require(path.join(materialDir, `lunr/min/lunr.${language}.min.js`))(lunr);
}
const plain = docs.map(doc => ({ ...doc, text: (doc.text || "").replace(/<[^>]*>/g, " ") }));

function build() {
  return lunr(function () {
    this.metadataWhitelist = ["position"];
    this.b(0);
    if (language) this.use(lunr[language]);
    lunr.tokenizer.separator = new RegExp(config.separator);
    const remove = ["trimmer", "stopWordFilter", "stemmer"].filter(fn => !config.pipeline.includes(fn));
    const target = language ? lunr[language] : lunr;
    for (const fn of remove) { this.pipeline.remove(target[fn]); this.searchPipeline.remove(target[fn]); }
    this.ref("location");
    for (const [name, spec] of Object.entries(config.fields)) this.field(name, spec);
    for (const doc of plain) this.add(doc, { boost: doc.boost });
  });
}

const timed = fn => { const start = process.hrtime.bigint(); const value = fn(); return [value, Number(process.hrtime.bigint() - start) / 1e6]; };
build(); // warm the JIT once, as a second page view would be
const [index, buildMs] = timed(build);
const [serialized, stringifyMs] = timed(() => JSON.stringify(index));
const [loaded, loadMs] = timed(() => lunr.Index.load(JSON.parse(serialized)));
const [, searchMs] = timed(() => loaded.search(language === "sv" ? "människohandel*" : "trafficking*"));
const heapMb = process.memoryUsage().heapUsed / 1e6;
console.log(JSON.stringify({
  docs: docs.length, index_json_bytes: fs.statSync(indexFile).size, node_build_ms: buildMs,
  prebuilt_bytes: Buffer.byteLength(serialized), node_stringify_ms: stringifyMs,
  node_parse_and_load_ms: loadMs, node_search_ms: searchMs, node_heap_mb: heapMb,
}));
