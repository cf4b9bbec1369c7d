// Direct manipulation on top of the plain forms: click a box, then another, to fill in the arrow form.
(function () {
  var form = document.getElementById("edge-form");
  var figure = document.getElementById("diagram");
  if (!form || !figure) return;
  var source = form.querySelector("[name=source]"), target = form.querySelector("[name=target]");
  var picked = null;
  // Boxes become buttons, so the drawing is no longer a single image but a labelled group of them.
  var svg = figure.querySelector("svg");
  if (svg) svg.setAttribute("role", "group");
  figure.querySelectorAll("g.node[data-node]").forEach(function (g) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    function choose() {
      var id = g.getAttribute("data-node");
      if (picked === null) {
        picked = id; source.value = id; g.classList.add("picked");
      } else if (id !== picked) {
        target.value = id;
        figure.querySelectorAll("g.picked").forEach(function (n) { n.classList.remove("picked"); });
        picked = null;
        form.querySelector("[name=kind]").focus();
      }
    }
    g.addEventListener("click", choose);
    g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); } });
  });
})();
