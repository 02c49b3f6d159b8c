/* Swedish query words reduced to a stem, for Material's prefix search.

   Material's search matches the start of words ("människohandel" finds
   "människohandeln"), but not the other way round: someone who types
   "människohandeln" or "betänketiden" finds nothing. Swedish adds endings for
   the definite form, the plural and the genitive, so we strip those endings
   from each query word. The shorter stem then matches every form by prefix.
   lunr's Snowball stemmer is not used: it stems the index too, which breaks
   Material's search-as-you-type. */
var nmtSwedishQuery = (function () {
  // Longest first. Each entry: [ending, shortest stem allowed to remain].
  var ENDINGS = [
    ["heternas", 4], ["heterna", 4], ["hetens", 4], ["heten", 4],
    ["ernas", 3], ["arnas", 3], ["ornas", 3], ["erna", 3], ["arna", 3], ["orna", 3],
    ["ens", 4], ["ets", 4], ["ans", 4], ["en", 3], ["et", 4], ["na", 4],
    ["er", 4], ["ar", 4], ["or", 4], [":s", 2], ["a", 3], ["n", 5]
  ];
  var DOUBLE = /([bdfgklmnprst])\1$/;
  var SYNTAX = /[+\-*:~^]/;

  function stem(word) {
    var lower = word.toLowerCase();
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i][0], shortest = ENDINGS[i][1];
      if (lower.length - ending.length >= shortest && lower.slice(-ending.length) === ending) {
        var root = lower.slice(0, -ending.length);
        return DOUBLE.test(root) ? root.slice(0, -1) : root;
      }
    }
    return lower;
  }

  return function normalise(query) {
    return query.split(/\s+/).map(function (word) {
      return word && !SYNTAX.test(word.replace(/:s$/i, "")) ? stem(word) : word;
    }).join(" ");
  };
})();
