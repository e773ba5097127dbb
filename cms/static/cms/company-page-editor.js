/* Company page editor: the live word count under "Nous découvrir" (counted like
 * cms.validators.word_count: runs of non-space characters holding a letter or a digit), and the
 * preview of the published banner and logo, refreshed when another image is chosen. */
(function () {
  "use strict";

  function countWords(text) {
    return text.split(/\s+/).filter(function (token) { return /[\p{L}\p{N}_]/u.test(token); }).length;
  }

  function describe(count, minimum) {
    var words = count + (count > 1 ? " mots" : " mot");
    if (count >= minimum) {
      return words + " : le minimum de " + minimum + " mots pour publier est atteint.";
    }
    var missing = minimum - count;
    return words + " sur " + minimum + " minimum pour publier (encore " + missing + (missing > 1 ? " mots)." : " mot).");
  }

  function attach(panel) {
    if (panel.dataset.wordCountReady) { return true; }
    var editable = panel.querySelector('[contenteditable="true"]');
    if (!editable) { return false; }
    var minimum = parseInt(panel.dataset.wordCountMin, 10) || 0;
    var output = document.createElement("p");
    output.className = "cms-word-count";
    output.setAttribute("role", "status");
    var update = function () {
      var count = countWords(editable.innerText || "");
      output.textContent = describe(count, minimum);
      output.classList.toggle("cms-word-count--ok", count >= minimum);
    };
    editable.closest(".Draftail-Editor, [data-field-input]") ?
      editable.closest(".Draftail-Editor, [data-field-input]").after(output) : panel.appendChild(output);
    editable.addEventListener("input", update);
    new MutationObserver(update).observe(editable, { childList: true, subtree: true, characterData: true });
    update();
    panel.dataset.wordCountReady = "1";
    return true;
  }

  function scan() {
    var pending = false;
    document.querySelectorAll("[data-word-count-min]").forEach(function (panel) {
      if (!attach(panel)) { pending = true; }
    });
    return pending;
  }

  function start() {
    // Draftail mounts its editor after the page has loaded: retry until it is there.
    var tries = 0;
    var timer = window.setInterval(function () {
      tries += 1;
      if (!scan() || tries > 50) { window.clearInterval(timer); }
    }, 200);
  }

  // The chooser sets its hidden input and fires "change": ask the server for the published crop.
  function refreshPublishedImage(input) {
    var box = input.closest("[data-published-image-url]");
    if (!box || box.dataset.inputId !== input.id) { return; }
    var output = document.getElementById(input.id + "-published");
    var url = box.dataset.publishedImageUrl + (input.value ? "?image=" + encodeURIComponent(input.value) : "");
    output.setAttribute("aria-busy", "true");
    output.innerHTML = '<p class="cms-published-image__empty">Préparation de l’image publiée…</p>';
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) { output.innerHTML = html; })
      .catch(function () {
        output.innerHTML = '<p class="cms-published-image__problem">L’aperçu n’a pas pu être chargé : ' +
          "enregistrez le brouillon pour le voir.</p>";
      })
      .finally(function () { output.removeAttribute("aria-busy"); });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(".cms-company-image input[type=hidden]")) {
      refreshPublishedImage(event.target);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
