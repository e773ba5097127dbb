// Threshold slider: refresh the results from the JSON endpoint, without reloading the page.
(function () {
  "use strict";
  const slider = document.getElementById("threshold-slider");
  if (!slider) return;
  const output = document.getElementById("threshold-output");
  const rows = document.getElementById("matching-rows");
  const count = document.getElementById("matching-count");
  const empty = document.getElementById("matching-empty");
  const field = document.getElementById("threshold-field");
  const sort = document.getElementById("sort-select");
  const saveForm = document.querySelector(".matching-save__form");
  let timer = null;
  let controller = null;

  function cell(text, strong) {
    const td = document.createElement("td");
    if (strong) {
      const b = document.createElement("strong");
      b.textContent = text;
      td.appendChild(b);
    } else {
      td.textContent = text;
    }
    return td;
  }

  function tag(text, extra) {
    const span = document.createElement("span");
    span.className = "status-tag" + (extra ? " " + extra : "");
    span.textContent = text;
    return span;
  }

  function render(data) {
    rows.replaceChildren();
    for (const row of data.results) {
      const tr = document.createElement("tr");
      tr.dataset.profile = row.id;
      tr.appendChild(cell(row.percent + " %", true)).className = "matching-percent";
      const title = document.createElement("td");
      const link = document.createElement("a");
      link.href = row.url;
      link.textContent = row.headline;
      title.appendChild(link);
      if (row.seen) title.append(" ", tag("Déjà vu"));
      if (row.retained) title.append(" ", tag("Retenu", "primary"));
      if (row.why) {
        const why = document.createElement("p");
        why.className = "matching-why";
        why.textContent = row.why;
        title.appendChild(why);
      }
      tr.appendChild(title);
      tr.appendChild(cell(row.place)).className = "matching-place";
      tr.appendChild(cell(row.years));
      tr.appendChild(cell(row.last_login));
      tr.appendChild(cell(row.updated));
      rows.appendChild(tr);
    }
    count.textContent = data.count;
    empty.hidden = data.results.length > 0;
  }

  function refresh() {
    const params = new URLSearchParams(slider.dataset.query);
    params.set("threshold", slider.value);
    if (sort) params.set("sort", sort.value);
    params.delete("page");
    // The search's audit row follows the slider instead of a new row per move.
    if (slider.dataset.run) params.set("run", slider.dataset.run);
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(slider.dataset.jsonUrl + "?" + params.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then((response) => response.json())
      .then((data) => {
        if (data.error) return;
        render(data);
        if (data.run) slider.dataset.run = data.run;
        history.replaceState(null, "", "?" + params.toString());
        // "Enregistrer la recherche" saves what is on screen, threshold and sort included.
        if (saveForm) saveForm.setAttribute("action", "?" + params.toString());
      })
      .catch((error) => {
        if (error.name !== "AbortError") console.error(error);
      });
  }

  slider.addEventListener("input", () => {
    output.textContent = slider.value;
    if (field) field.value = slider.value;
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  });
  if (sort) sort.addEventListener("change", refresh);
})();
