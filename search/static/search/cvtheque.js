// CVthèque search form: several places (commune + radius slider, or department), added and removed here.
(function () {
  "use strict";

  function setupRadius(row) {
    var range = row.querySelector("[data-radius]");
    var output = row.querySelector("[data-radius-output]");
    if (!range || !output) return;
    var show = function () { output.textContent = range.value + " km"; };
    range.addEventListener("input", show);
    show();
  }

  function setupRemove(row, container) {
    var button = row.querySelector("[data-remove-row]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (container.querySelectorAll("[data-place-row]").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input").forEach(function (input) {
          if (input.type !== "range") input.value = "";
          input.removeAttribute("aria-invalid");
        });
        // The row's error was about the place just cleared.
        row.querySelectorAll(".error-message").forEach(function (error) { error.remove(); });
      }
    });
  }

  function init() {
    var form = document.querySelector(".cvtheque-form");
    if (!form) return;
    var rows = form.querySelector("[data-place-rows]");
    var template = form.querySelector("[data-place-template]");
    var departments = form.querySelector("[data-department-rows]");
    var buttons = form.querySelector("[data-place-buttons]");
    var counter = rows.querySelectorAll("[data-place-row]").length;
    rows.querySelectorAll("[data-place-row]").forEach(function (row) { setupRadius(row); setupRemove(row, rows); });
    buttons.hidden = false;

    form.querySelector("[data-add-place]").addEventListener("click", function () {
      counter += 1;
      var html = template.innerHTML.split("__n__").join(String(counter));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      rows.appendChild(row);
      setupRadius(row);
      setupRemove(row, rows);
      if (window.Vivier && window.Vivier.initCommunePickers) window.Vivier.initCommunePickers(row);
      var input = row.querySelector("input[type=text]");
      if (input) input.focus();
    });

    form.querySelector("[data-add-department]").addEventListener("click", function () {
      var last = departments.querySelector("[data-department-row]:last-child");
      var row = last.cloneNode(true);
      row.querySelector("select").value = "";
      departments.appendChild(row);
      row.querySelector("select").focus();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
