/* The all-missions table: filter its rows by destination, country, status and launch years, and
   sort them by a column. The page sends the table in launch order and the filters hidden: without
   this script the table is all there is. Each row carries what the filters ask (data-destinations,
   data-country, data-status, data-year) and each date cell its ISO date (data-sort), written by
   the site's build from the data. Our own code, no library, served with the site: from disk too. */
(function () {
  "use strict";

  var seen = new WeakSet(); // Material may show the same page again

  function setUp() {
    document.querySelectorAll(".mission-filters").forEach(function (filters) {
      var table = filters.parentNode.querySelector("table[data-all-missions]");
      if (!table || seen.has(filters)) return;
      seen.add(filters);
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var count = filters.querySelector(".mission-filters__count");

      var want = {};
      filters.querySelectorAll("select, input").forEach(function (field) { want[field.name] = field; });

      function shown(row) {
        var year = parseInt(row.dataset.year, 10);
        var from = parseInt(want.from.value, 10);
        var to = parseInt(want.to.value, 10);
        if (want.destination.value && row.dataset.destinations.split(" ").indexOf(want.destination.value) < 0) return false;
        if (want.country.value && row.dataset.country !== want.country.value) return false;
        if (want.status.value && row.dataset.status !== want.status.value) return false;
        // A mission with no launch date yet has no year to be within.
        if (!isNaN(from) && !(year >= from)) return false;
        if (!isNaN(to) && !(year <= to)) return false;
        return true;
      }

      function filter() {
        var visible = 0;
        rows.forEach(function (row) {
          row.hidden = !shown(row);
          if (!row.hidden) visible += 1;
        });
        count.textContent = visible === rows.length
          ? "All " + rows.length + " missions."
          : visible + " of " + rows.length + " missions" + (visible ? "." : ": none matches every choice.");
      }

      // The sort key of a cell: its ISO date, or its words. A cell with neither sorts last.
      function key(row, column) {
        var cell = row.cells[column];
        var sort = cell.getAttribute("data-sort");
        return (sort === null ? cell.textContent : sort).trim().toLowerCase();
      }

      function sortBy(header, column) {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows.slice().sort(function (a, b) {
          var x = key(a, column), y = key(b, column);
          if (x === y) return rows.indexOf(a) - rows.indexOf(b); // ties keep launch order
          if (!x || !y) return x ? -1 : 1;
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      }

      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        button.textContent = header.textContent;
        header.textContent = "";
        header.appendChild(button);
        button.addEventListener("click", function () { sortBy(header, column); });
      });
      filters.addEventListener("input", filter);
      filters.addEventListener("change", filter);
      filters.querySelector(".mission-filters__all").addEventListener("click", function () {
        Object.keys(want).forEach(function (name) { want[name].value = ""; });
        filter();
      });
      filters.hidden = false;
      filter();
    });
  }

  // As sideways.js: once the page is read, and for each page instant navigation shows.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
})();
