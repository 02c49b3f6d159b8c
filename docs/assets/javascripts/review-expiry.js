/* Review expiry and the offline copy's age, computed in the reader's browser (like GOV.UK's page-expiry):
   when a page's next review date has passed, its review box becomes a warning.
   A copy that is never rebuilt (an offline copy, a cached page) still warns
   on time. The date comes from the page itself: data-next-review="YYYY-MM-DD". */
(function () {
  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function markOverdue() {
    var boxes = document.querySelectorAll("[data-next-review]");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].getAttribute("data-next-review") < today()) {
        boxes[i].classList.add("nmt-review--overdue");
        var warning = boxes[i].querySelector(".nmt-review__overdue");
        if (warning) warning.hidden = false;
      }
    }
  }
  /* The offline copy's age: data-copy-built="YYYY-MM-DD", data-copy-months="6". */
  function monthsLater(isoDate, months) {
    var parts = isoDate.split("-");
    var date = new Date(+parts[0], +parts[1] - 1 + months, +parts[2]);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }
  function markOldCopy() {
    var notices = document.querySelectorAll("[data-copy-built]");
    for (var i = 0; i < notices.length; i++) {
      var months = parseInt(notices[i].getAttribute("data-copy-months"), 10) || 6;
      if (monthsLater(notices[i].getAttribute("data-copy-built"), months) < today()) notices[i].hidden = false;
    }
  }
  function markAll() {
    markOverdue();
    markOldCopy();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markAll);
  } else {
    markAll();
  }
})();
