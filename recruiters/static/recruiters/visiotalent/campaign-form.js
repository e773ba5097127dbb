// Campaign form: "Ajouter une question" adds an empty question row (Django's formset empty_form).
// Without JavaScript the form offers two empty rows on each save instead.
(function () {
  "use strict";
  var form = document.querySelector('form[data-form="visiotalent-campaign"]');
  if (!form) return;
  var rows = form.querySelector("[data-vt-questions]");
  var template = form.querySelector("template[data-vt-question-template]");
  var button = form.querySelector("[data-vt-add-question]");
  var total = form.querySelector('input[name="q-TOTAL_FORMS"]');
  var max = form.querySelector('input[name="q-MAX_NUM_FORMS"]');
  if (!rows || !template || !button || !total) return;
  form.querySelectorAll("[data-vt-no-script]").forEach(function (node) { node.hidden = true; });
  button.hidden = false;

  function full() { return max && Number(total.value) >= Number(max.value); }

  button.addEventListener("click", function () {
    if (full()) return;
    var index = Number(total.value);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    button.disabled = full();
    var text = row.querySelector("textarea");
    if (text) text.focus();
  });
})();
