// How many edits should a typo be allowed, by word length? Measures the
// engine's typo rule (workers/search-engine.js) on a built index:
// - found: words of the index with one or two random edits (a letter left
//   out, added, replaced, two neighbours swapped; typed words that still
//   begin an index word are skipped: they need no correction): how often the
//   closest index word is the right one (the word itself, or its beginning
//   with at most one letter less);
// - wrong: real words that are not in the index (each word of the index in
//   turn, with every index word that shares all but its last two letters
//   hidden, as if the site did not have it): how often a close index word
//   would be offered anyway, which is a wrong correction ("barn" → "bar").
// Per word length and allowed edits. Seeded, so runs compare.
//
// Usage: node bench/typo_rule.js WORKERS_DIR SEARCH_FOLDER [SAMPLE]
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [workers, folder, sampleText] = process.argv.slice(2);
const SAMPLE = Number(sampleText || 1500);
const context = { console, Map, Set, URL };
vm.createContext(context);
for (const file of ["swedish-query.js", "search-engine.js"]) {
  vm.runInContext(fs.readFileSync(path.join(workers, file), "utf8"), context);
}
const parts = [];
context.nmtSearchPart = (number, json) => { parts[number] = JSON.parse(json); };
vm.runInContext(fs.readFileSync(path.join(folder, "search_index-0.js"), "utf8"), context);
const engine = context.nmtSearchEngine;
const terms = parts[0].terms.map(engine.fold);
const letters = "abcdefghijklmnopqrstuvwxyz";

let seed = 24;
function random(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}

function edit(word) {
  const at = random(word.length), letter = letters[random(letters.length)];
  switch (random(4)) {
    case 0: return word.slice(0, at) + word.slice(at + 1);
    case 1: return word.slice(0, at) + letter + word.slice(at);
    case 2: return word.slice(0, at) + letter + word.slice(at + 1);
    default: return at < word.length - 1 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word + letter;
  }
}

// The closest word, as Index.closest picks it, among the words `visible` allows.
function closest(word, most, visible) {
  const distances = new engine.Distances(word, most);
  let best = null;
  for (let t = 0; t < terms.length; t++) {
    if (!visible(t)) continue;
    const match = distances.to(terms[t]);
    if (!match) continue;
    const key = [match.edits, match.length === terms[t].length ? 0 : 1, Math.abs(match.length - word.length)];
    if (!best || before(key, best.key)) best = { key, word: terms[t].slice(0, match.length) };
  }
  return best && best.word;
}

function before(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function beginsAWord(word) {
  return terms.some(term => term.startsWith(word));
}

const LENGTHS = ["≤4", "5", "6", "7", "8", "9", "10", "11", "12+"];
const bucket = length => (length <= 4 ? "≤4" : length >= 12 ? "12+" : String(length));
const words = terms.filter(term => /^[a-z]+$/.test(term) && term.length >= 3);
const chosen = [];
for (let i = 0; i < SAMPLE && words.length; i++) chosen.push(words[random(words.length)]);
const table = {};
function count(length, key, ok) {
  const row = table[bucket(length)] = table[bucket(length)] || {};
  const cell = row[key] = row[key] || [0, 0];
  cell[0] += ok ? 1 : 0;
  cell[1] += 1;
}
for (const word of chosen) {
  for (const edits of [1, 2]) {
    let typed = word;
    for (let e = 0; e < edits; e++) typed = edit(typed);
    if (typed === word || beginsAWord(typed)) continue;
    for (const most of [1, 2]) {
      const found = closest(typed, most, () => true);
      const right = found !== null && (found === word || (word.startsWith(found) && found.length >= word.length - 1));
      count(typed.length, `found ${edits}-edit typos, ${most} allowed`, right);
    }
  }
  const family = word.slice(0, Math.max(1, word.length - 2));
  for (const most of [1, 2]) {
    const offered = closest(word, most, t => !terms[t].startsWith(family));
    count(word.length, `wrong: absent word corrected, ${most} allowed`, offered !== null);
  }
}
console.log(`${folder}: ${terms.length} words, ${chosen.length} sampled`);
const keys = [...new Set(Object.values(table).flatMap(row => Object.keys(row)))].sort();
console.log(["length", ...keys].join(" | "));
for (const length of LENGTHS) {
  if (!table[length]) continue;
  console.log([length, ...keys.map(key => {
    const cell = table[length][key];
    return cell ? `${Math.round(100 * cell[0] / cell[1])} % (${cell[1]})` : "–";
  })].join(" | "));
}
