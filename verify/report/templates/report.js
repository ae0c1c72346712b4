(function () {
  "use strict";
  // A mark jumps to its finding on click, Enter or Space; focus follows, so Tab goes on from there.
  function jump(mark) {
    var id = mark.getAttribute("data-target");
    var target = id && document.getElementById(id);
    if (!target) { return; }
    if (location.hash === "#" + id) { target.scrollIntoView(); } else { location.hash = id; }
    target.focus({ preventScroll: true });
  }
  function markOf(node) {
    return node && node.closest ? node.closest("mark[data-target]") : null;
  }
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark) { jump(mark); }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target;
    if ((event.key === "Enter" || event.key === " ") && mark && mark.matches && mark.matches("mark[data-target]")) {
      event.preventDefault();
      jump(mark);
    }
  });
})();
