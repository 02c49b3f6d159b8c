// Does the offline copy's prebuilt search index give what lunr.js builds?
//
// Runs our search worker (nmt-search.js, which runs Material's) twice in
// Node, as a Web Worker would run it: once given the entries of
// search_index.json (lunr builds the index, as online), once given the
// offline search_index.js (prebuilt parts, offline-index.js). Compares the two lunr indexes in full
// (Index.toJSON: terms, postings with positions, field vectors with scores)
// and the result messages (ranking, highlighted snippets, which also need
// Material's position tables) for the given queries.
//
// Usage: node prebuilt_index_matches_lunr.js MATERIAL_JS_DIR WORKERS_DIR INDEX_DIR [QUERY …]
//   INDEX_DIR holds search_index.json, search_index.js and search_prebuilt-*.js.
//   Without queries, every term of the index is searched (exact, and as a prefix),
//   and a few queries with lunr's syntax (prohibited, required, fuzzy, fields, boosts).
// Prints one JSON line: {"same_index": bool, "queries": n, "different": [...], "used_prebuilt": bool}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { fileURLToPath, pathToFileURL } = require("url");
const { isProxy } = require("util").types;

const [materialDir, workersDir, indexDir, ...givenQueries] = process.argv.slice(2);

function run(file, context) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}

// A worker global scope: importScripts runs files synchronously, as in a real worker.
function worker(entry) {
  const listeners = [];
  let answered = () => {};
  const context = {
    console, URL, performance,
    setTimeout: fn => setImmediate(fn),  // no 40 ms wait between the queries here
    clearTimeout: handle => clearImmediate(handle),
    location: { href: entry },
    postMessage: message => answered(message),
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  };
  context.self = context;
  context.importScripts = (...urls) => {
    for (const url of urls) run(fileURLToPath(new URL(url, context.location.href).href.split("?")[0]), context);
  };
  vm.createContext(context);
  run(fileURLToPath(entry.split("?")[0]), context);
  // Keep every lunr.Index built, to compare them.
  const lunr = context.lunr, Index = lunr.Index, built = [];
  lunr.Index = function (attributes) { Index.call(this, attributes); built.push(this); };
  lunr.Index.prototype = Index.prototype;
  lunr.Index.load = Index.load;
  // A message, and the worker's answer to it.
  function send(message) {
    const answer = new Promise(resolve => { answered = resolve; });
    for (const listener of listeners) listener({ data: message });
    return answer;
  }
  return { context, send, built };
}

(async () => {
  // Our worker scripts beside Material's, as in the built site (in a folder of their own).
  const workerFile = fs.readdirSync(path.join(materialDir, "workers")).find(f => /^search\.[0-9a-f]+\.min\.js$/.test(f));
  const folder = fs.mkdtempSync(path.join(require("os").tmpdir(), "nmt-search-"));
  fs.mkdirSync(path.join(folder, "workers"));
  fs.cpSync(path.join(materialDir, "lunr"), path.join(folder, "lunr"), { recursive: true });
  fs.copyFileSync(path.join(materialDir, "workers", workerFile), path.join(folder, "workers", workerFile));
  for (const file of fs.readdirSync(workersDir)) fs.copyFileSync(path.join(workersDir, file), path.join(folder, "workers", file));
  const entry = pathToFileURL(path.join(folder, "workers", "nmt-search.js")).href + "?worker=" + workerFile;
  let reference, ours;
  const page = { URL, document: { currentScript: { src: pathToFileURL(path.join(indexDir, "search_index.js")).href } } };
  try {
    // Every entry handed over: lunr builds the index, as online.
    reference = worker(entry);
    const full = JSON.parse(fs.readFileSync(path.join(indexDir, "search_index.json"), "utf8"));
    await reference.send({ type: 0, data: { config: full.config, docs: full.docs, options: { suggest: false } } });
    // The offline search_index.js: the prebuilt index.
    vm.createContext(page);
    vm.runInContext(fs.readFileSync(path.join(indexDir, "search_index.js"), "utf8") + ";this.index = __index;", page);
    ours = worker(entry);
    await ours.send({ type: 0, data: { config: page.index.config, docs: page.index.docs, options: { suggest: false } } });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const [expected, got] = [reference.built[0], ours.built[0]];
  const sameIndex = JSON.stringify(expected.toJSON()) === JSON.stringify(got.toJSON());
  const syntax = ["-polis", "+barn -polisen", "barn~1", "title:identifiering", "tags:handel", "*handel", "eu", "m",
    "män*", "människohandel^10", "trafficking victims", "-the"];
  const queries = givenQueries.length ? givenQueries
    : Object.keys(expected.invertedIndex).flatMap(term => [term, term.slice(0, Math.max(3, term.length - 2))]).concat(syntax);
  const different = [];
  for (const query of queries) {
    const want = await reference.send({ type: 2, data: query });
    const have = await ours.send({ type: 2, data: query });
    if (JSON.stringify(want) !== JSON.stringify(have)) different.push(query);
  }
  console.log(JSON.stringify({
    same_index: sameIndex, queries: queries.length, different: different.slice(0, 20),
    used_prebuilt: isProxy(got.invertedIndex) && !isProxy(expected.invertedIndex),
    documents: Object.keys(expected.fieldVectors).length, terms: Object.keys(expected.invertedIndex).length,
  }));
})().catch(error => { console.error(error); process.exit(1); });
