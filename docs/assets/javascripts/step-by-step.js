/* The six steps as one guide (hooks/nmt/blocks/step_guide.py): a "Visa alla steg" /
   "Show all steps" button that opens or closes every step at once.
   Each step is a <details>, which opens and closes without this script; the
   button is made here, so a reader without JavaScript never meets a control
   that does nothing. No request, no storage: it works the same from file://. */
(function () {
  var LABELS = {
    sv: { show: "Visa alla steg", hide: "Dölj alla steg" },
    en: { show: "Show all steps", hide: "Hide all steps" }
  };

  function labels() {
    var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2).toLowerCase();
    return LABELS[lang] || LABELS.en;
  }

  function setUp(guide) {
    var steps = guide.querySelectorAll("details.nmt-steps__details");
    var list = guide.querySelector(".nmt-steps__list");
    if (!steps.length || !list || guide.querySelector(".nmt-steps__toggle")) return;
    var text = labels();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nmt-steps__toggle";

    function allOpen() {
      for (var i = 0; i < steps.length; i++) {
        if (!steps[i].open) return false;
      }
      return true;
    }
    function update() {
      var open = allOpen();
      button.textContent = open ? text.hide : text.show;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = !allOpen();
      for (var i = 0; i < steps.length; i++) steps[i].open = open;
      update();
    });
    for (var i = 0; i < steps.length; i++) steps[i].addEventListener("toggle", update);
    // The heading and the button share a line when there is room.
    var heading = guide.querySelector(".nmt-steps__heading");
    var top = document.createElement("div");
    top.className = "nmt-steps__top";
    guide.insertBefore(top, heading || list);
    if (heading) top.appendChild(heading);
    top.appendChild(button);
    update();
  }

  function setUpAll() {
    var guides = document.querySelectorAll(".nmt-steps");
    for (var i = 0; i < guides.length; i++) setUp(guides[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
