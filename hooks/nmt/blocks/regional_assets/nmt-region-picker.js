/* The region picker of the online handbook (hooks/nmt/blocks/regional.py). Every region's
   supplement is a folded <details id="region-{id}">; this adds a list of the regions before the
   first one, opens the chosen region's block and folds the others. The choice is kept in this
   browser's localStorage only: no cookie, nothing is sent anywhere. Without JavaScript every
   block stays folded and can be opened by hand. */
(function () {
  var KEY = "nmt-region";
  var PREFIX = "region-";

  function stored() {
    try { return localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function store(id) {
    try {
      if (id) { localStorage.setItem(KEY, id); } else { localStorage.removeItem(KEY); }
    } catch (e) { /* storage off: the choice lasts for this page only */ }
  }
  function show(blocks, id) {
    for (var i = 0; i < blocks.length; i++) blocks[i].open = blocks[i].id === PREFIX + id;
  }
  function option(value, text) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = text;
    return item;
  }
  function picker(blocks) {
    var swedish = document.documentElement.lang !== "en";
    var wrapper = document.createElement("p");
    wrapper.className = "nmt-region-picker";
    var label = document.createElement("label");
    label.htmlFor = "nmt-region-select";
    label.textContent = swedish ? "Visa tillägget för din region:" : "Show the supplement of your region:";
    var select = document.createElement("select");
    select.id = "nmt-region-select";
    select.appendChild(option("", swedish ? "Ingen region vald" : "No region chosen"));
    for (var i = 0; i < blocks.length; i++) {
      var name = blocks[i].querySelector(".nmt-regional__name");
      select.appendChild(option(blocks[i].id.slice(PREFIX.length), name ? name.textContent : blocks[i].id));
    }
    select.value = stored();
    if (select.value !== stored()) select.value = "";   // a region without a block on this page
    select.addEventListener("change", function () {
      store(select.value);
      show(blocks, select.value);
    });
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    return wrapper;
  }
  function start() {
    var blocks = document.querySelectorAll("details.nmt-regional[id^='" + PREFIX + "']");
    if (!blocks.length) return;
    blocks[0].parentNode.insertBefore(picker(blocks), blocks[0]);
    if (stored()) show(blocks, stored());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
