/* The Search page: Pagefind's search box over the index the build writes to pagefind/.
   A search fetches only the index chunks and result fragments its words need. The
   address can carry the words: search/?q=habenula */
(function () {
  "use strict";
  var box = document.getElementById("cc-search");
  if (!box || typeof window.PagefindUI !== "function") {
    return;
  }
  var ui = new window.PagefindUI({
    element: "#cc-search",
    // Result addresses relative to the site's root, which is one level up from search/,
    // so the site works below a sub-path (such as a GitHub Pages project site).
    baseUrl: new URL("../", window.location.href).pathname,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    translations: { placeholder: "Search claims, articles, topics and references" }
  });
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    ui.triggerSearch(words);
  }
  var input = box.querySelector("input");
  if (input) {  // Pagefind names its box only by a title (axe: label-title-only)
    input.setAttribute("aria-label", "Search claims, articles, topics and references");
  }
  if (input && !words) {
    input.focus();
  }
})();
