/* The claims table: filter by topic, source, verdict, flag and words, and sort by any
   column, all in the page (the site has no server). Without JavaScript the whole table
   shows. Filters can be preset from the address: claims/?topic=gaba&verdict=misleading */
(function () {
  "use strict";
  var FIELDS = ["topic", "source", "verdict", "flag"];

  function matches(row, f) {
    return (!f.topic || row.dataset.topics.split(" ").indexOf(f.topic) >= 0) &&
      (!f.source || row.dataset.source === f.source) &&
      (!f.verdict || row.dataset.verdict === f.verdict) &&
      (!f.flag || row.dataset.flags.split(" ").indexOf(f.flag) >= 0) &&
      (!f.q || row.textContent.toLowerCase().indexOf(f.q) >= 0);
  }

  function setUpFilters(form, table, count) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var params = new URLSearchParams(window.location.search);
    FIELDS.concat("q").forEach(function (name) {
      var value = params.get(name);
      var field = form.elements[name];
      if (value && field && (field.tagName !== "SELECT" ||
          field.querySelector('option[value="' + CSS.escape(value) + '"]'))) {
        field.value = value;
      }
    });

    function apply() {
      var f = { q: form.elements.q.value.trim().toLowerCase() };
      FIELDS.forEach(function (name) { f[name] = form.elements[name].value; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, f);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown === rows.length
        ? rows.length + " claims"
        : "Showing " + shown + " of " + rows.length + " claims";
      var query = new URLSearchParams();
      FIELDS.concat("q").forEach(function (name) {
        var value = name === "q" ? form.elements.q.value.trim() : f[name];
        if (value) { query.set(name, value); }
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function sortKey(cell) {
    var key = cell.dataset.sort;
    if (key !== undefined && key !== "" && !isNaN(Number(key))) { return Number(key); }
    return cell.textContent.trim().toLowerCase();
  }

  /* Sort rows by one column. A column with numeric data-sort keys (verdict severity, flag
     count) sorts worst first on its first click; a text column A to Z. */
  function sortRows(table, index, descending) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    if (index < 0) {
      rows.sort(function (a, b) { return a.dataset.order - b.dataset.order; });
    } else {
      headers[index].setAttribute("aria-sort", descending ? "descending" : "ascending");
      rows.sort(function (a, b) {
        var x = sortKey(a.cells[index]);
        var y = sortKey(b.cells[index]);
        var order = typeof x === "number" && typeof y === "number"
          ? x - y : String(x).localeCompare(String(y));
        return (descending ? -order : order) || a.dataset.order - b.dataset.order;
      });
    }
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function setUpSorting(table, form) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) { row.dataset.order = i; });
    headers.forEach(function (th, index) {
      var numeric = typeof sortKey(table.tBodies[0].rows[0] ? table.tBodies[0].rows[0].cells[index] : th) === "number";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cc-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var descending = current ? current === "ascending" : numeric;
        sortRows(table, index, descending);
        var value = button.textContent.trim() + ":" + (descending ? "desc" : "asc");
        var select = form && form.elements.sort;
        if (select) { select.value = select.querySelector('option[value="' + value + '"]') ? value : ""; }
      });
    });
    /* The same sorts from a menu: on a phone the table's headings are hidden. */
    if (form && form.elements.sort) {
      form.addEventListener("reset", function () { sortRows(table, -1, false); });
      form.elements.sort.addEventListener("change", function (event) {
        event.stopPropagation();
        var value = form.elements.sort.value;
        if (!value) { sortRows(table, -1, false); return; }
        var parts = value.split(":");  /* "Verdict:desc": a column by its heading's word */
        var index = headers.map(function (th) { return th.textContent.trim(); }).indexOf(parts[0]);
        if (index >= 0) { sortRows(table, index, parts[1] === "desc"); }
      });
    }
  }

  /* Material's search overlay is a dialog without a name (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search"); }
  }

  // Material wraps each table in a scrolling box; a box that scrolls must take the keyboard
  // focus (axe: scrollable-region-focusable), so a keyboard user can scroll it too.
  function focusableScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table (scrolls sideways)");
      }
    });
  }

  function init() {
    nameSearchDialog();
    focusableScrollBoxes();
    window.setTimeout(focusableScrollBoxes, 0);
    var form = document.getElementById("cc-filters");
    var table = document.getElementById("cc-claims");
    var count = document.getElementById("cc-count");
    if (!form || !table || !count || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    setUpSorting(table, form);
    setUpFilters(form, table, count);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
