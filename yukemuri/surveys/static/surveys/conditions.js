// A question shown on a condition is hidden until the answer it depends on is given. Only an enhancement:
// without JavaScript every question shows with its condition written under it, and the server ignores the
// answers to questions whose condition does not hold (surveys/services.py, check_answers).
(function () {
  "use strict";
  var form = document.querySelector("form[data-survey]");
  if (!form) return;
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-show-if]"));

  function given(name) {
    var row = form.querySelector('[data-field="' + name + '"]');
    if (row && row.hidden) return [];  // a hidden question's answer counts for nothing
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]')).filter(function (input) {
      return (input.type === "radio" || input.type === "checkbox") ? input.checked : input.value !== "";
    }).map(function (input) { return input.value; });
  }

  function update() {
    rows.forEach(function (row) {
      var wanted = JSON.parse(row.getAttribute("data-show-values"));
      row.hidden = !given(row.getAttribute("data-show-if")).some(function (value) {
        return wanted.indexOf(value) !== -1;
      });
    });
  }

  form.addEventListener("change", update);
  update();
})();
