// Keyboard navigation of the OZG matrix (a progressive enhancement; the page works without it).
// Tab reaches the first cell of the table; the arrow keys move cell by cell, Home/End go to
// the start/end of the row (with Ctrl: of the table), Page Up/Down move ten rows. Only one
// cell is in the tab order at a time ("roving tabindex"), so Tab leaves the table again.
(function () {
  "use strict";
  var table = document.querySelector("table[data-grid-nav]");
  if (!table || !table.tBodies.length || !table.tBodies[0].rows.length) {
    return;
  }
  var current = table.tBodies[0].rows[0].cells[1] || table.tBodies[0].rows[0].cells[0];
  current.setAttribute("tabindex", "0");

  function move(cell) {
    if (!cell) {
      return;
    }
    if (current !== cell) {
      current.removeAttribute("tabindex");
      cell.setAttribute("tabindex", "0");
      current = cell;
    }
    cell.focus();
    cell.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  table.addEventListener("keydown", function (event) {
    var cell = event.target.closest("td, th");
    if (!cell || !table.contains(cell) || event.altKey || event.metaKey) {
      return;
    }
    var rows = table.rows;
    var row = cell.parentElement;
    var r = row.rowIndex;
    var c = cell.cellIndex;
    var last = rows.length - 1;
    var target = null;
    function at(ri, ci) {
      var tr = rows[Math.max(0, Math.min(last, ri))];
      return tr.cells[Math.max(0, Math.min(tr.cells.length - 1, ci))];
    }
    switch (event.key) {
      case "ArrowRight": target = at(r, c + 1); break;
      case "ArrowLeft": target = at(r, c - 1); break;
      case "ArrowDown": target = at(r + 1, c); break;
      case "ArrowUp": target = at(r - 1, c); break;
      case "PageDown": target = at(r + 10, c); break;
      case "PageUp": target = at(r - 10, c); break;
      case "Home": target = event.ctrlKey ? at(0, 0) : at(r, 0); break;
      case "End": target = event.ctrlKey ? at(last, row.cells.length - 1) : at(r, row.cells.length - 1); break;
      default: return;
    }
    event.preventDefault();
    move(target);
  });

  // A click in a cell makes it the current one, so the keyboard continues from there.
  table.addEventListener("click", function (event) {
    var cell = event.target.closest("td");
    if (cell && table.contains(cell)) {
      move(cell);
    }
  });
})();
