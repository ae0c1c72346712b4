(function () {
  "use strict";
  // Sort the table by a column: numbers loudest first on the first click, text A to Z.
  var table = document.getElementById("reports");
  if (!table) { return; }
  var body = table.tBodies[0];
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim(); }
    return numeric ? Number(value) : value.toLowerCase();
  }
  Array.prototype.forEach.call(table.querySelectorAll("th button[data-col]"), function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode;
      var col = Number(button.getAttribute("data-col"));
      var numeric = button.getAttribute("data-type") === "number";
      var current = th.getAttribute("aria-sort");
      var ascending = current ? current === "descending" : !numeric;
      Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, numeric), y = key(b, col, numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
