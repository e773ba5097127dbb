/* "Copier le lien" on company pages: the clipboard when allowed, else the address is selected. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copyTarget);
      var status = button.closest("section").querySelector("[data-copy-status]");
      var done = function (message) { if (status) { status.textContent = message; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(
          function () { done("Lien copié."); },
          function () { input.select(); done("Sélectionnez l'adresse puis copiez-la (Ctrl+C)."); }
        );
      } else {
        input.select();
        done("Adresse sélectionnée : copiez-la avec Ctrl+C.");
      }
    });
  });
})();
