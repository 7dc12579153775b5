// Light touches over server-rendered pages; everything works without them.
(function () {
  "use strict";
  var KEY = "sitrep.reviewer";

  // Flash every piece of the highlighted span the address points to.
  function flash() {
    var name = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".hl.flash").forEach(function (el) { el.classList.remove("flash"); });
    if (!name) return;
    document.querySelectorAll("[data-anchors]").forEach(function (el) {
      if (el.getAttribute("data-anchors").split(" ").indexOf(name) >= 0) el.classList.add("flash");
    });
  }

  // The reviewer's name, typed once, fills every review form and is remembered.
  function reviewer() {
    var top = document.getElementById("reviewer-name");
    var fields = document.querySelectorAll(".reviewer-field");
    var saved = "";
    try { saved = localStorage.getItem(KEY) || ""; } catch (e) { saved = ""; }
    function fill(value) { fields.forEach(function (f) { if (!f.value) f.value = value; }); }
    if (top) {
      top.value = saved;
      top.addEventListener("input", function () {
        try { localStorage.setItem(KEY, top.value); } catch (e) { /* private mode */ }
        fields.forEach(function (f) { f.value = top.value; });
      });
    }
    fill(saved);
    fields.forEach(function (f) {
      f.addEventListener("change", function () {
        try { localStorage.setItem(KEY, f.value); } catch (e) { /* private mode */ }
      });
    });
  }

  window.addEventListener("hashchange", flash);
  document.addEventListener("DOMContentLoaded", function () { flash(); reviewer(); });
})();
