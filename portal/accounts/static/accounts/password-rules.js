// Ticks the password rules as the user types; the server still checks them all.
(function () {
  var box = document.querySelector("[data-password-rules]");
  var input = document.querySelector('input[type="password"][autocomplete="new-password"]');
  if (!box || !input) return;
  var tests = [
    function (v) { return v.length >= 12; },
    function (v) { return /\p{Ll}/u.test(v); },
    function (v) { return /\p{Lu}/u.test(v); },
    function (v) { return /\p{Nd}/u.test(v); },
    function (v) { return /[^\p{L}\p{N}\s]/u.test(v); },
  ];
  var items = box.querySelectorAll("li[data-rule]");
  items.forEach(function (li) {
    var state = document.createElement("span");
    state.className = "visually-hidden";
    li.appendChild(state);
  });
  function update() {
    items.forEach(function (li) {
      var test = tests[Number(li.dataset.rule)];
      var ok = test && test(input.value);
      li.classList.toggle("text-success", !!ok);
      li.classList.toggle("rule-ok", !!ok);
      li.lastChild.textContent = ok ? " (respecté)" : "";
    });
  }
  input.addEventListener("input", update);
  update();
})();
