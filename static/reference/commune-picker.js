// Commune picker: a WAI-ARIA combobox with list autocompletion (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
// Enhances every [data-commune-picker] rendered by portal.reference.forms.CommunePickerWidget.
// Keys: Down/Up move through the suggestions (Alt+Down opens them), Enter chooses, Escape closes
// (or clears when already closed), Tab leaves without choosing.
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;
  var counter = 0;

  function CommunePicker(root) {
    this.root = root;
    this.input = root.querySelector("input[type=text]");
    this.code = root.querySelector("[data-commune-code]");
    this.listbox = root.querySelector("[data-commune-listbox]");
    this.status = root.querySelector("[data-commune-status]");
    this.url = root.getAttribute("data-url");
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.lastQuery = null;

    counter += 1;
    this.listbox.id = (this.input.id || "commune-picker-" + counter) + "-listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", "Communes proposées");
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
    // The script works: from now on the chosen INSEE code is posted along with the text.
    this.code.disabled = false;

    this.input.addEventListener("input", this.onInput.bind(this));
    this.input.addEventListener("keydown", this.onKeyDown.bind(this));
    this.input.addEventListener("blur", this.onBlur.bind(this));
    // mousedown would move the focus out of the input before the click lands.
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", this.onClick.bind(this));
  }

  CommunePicker.prototype.onInput = function () {
    // Typing invalidates the previous choice; the server resolves the text if nothing is chosen.
    this.code.value = "";
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(this.search.bind(this), DEBOUNCE_MS);
  };

  CommunePicker.prototype.search = function () {
    var query = this.input.value.trim();
    if (query.length < MIN_LENGTH) {
      this.lastQuery = null;
      this.render([]);
      this.close();
      return;
    }
    if (query === this.lastQuery && this.options.length) {
      this.open();
      return;
    }
    this.lastQuery = query;
    if (this.request) {
      this.request.abort();
    }
    var controller = new AbortController();
    this.request = controller;
    var self = this;
    fetch(this.url + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: controller.signal,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        self.render(data.results || []);
        if (document.activeElement === self.input) {
          self.open();
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          self.render([]);
          self.announce("La recherche de communes est indisponible. Tapez le nom complet ou le code postal.");
        }
      });
  };

  CommunePicker.prototype.render = function (results) {
    var self = this;
    this.listbox.textContent = "";
    this.options = results;
    this.setActive(-1);
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "list-group-item list-group-item-action";
      option.style.cursor = "pointer";
      option.setAttribute("data-index", String(index));
      option.appendChild(document.createTextNode(result.label));
      if (result.postcodes && result.postcodes.length) {
        var postcodes = document.createElement("small");
        postcodes.className = "ms-2 text-body-secondary";
        postcodes.textContent = result.postcodes.slice(0, 3).join(", ") + (result.postcodes.length > 3 ? "…" : "");
        option.appendChild(postcodes);
      }
      self.listbox.appendChild(option);
    });
    if (!results.length) {
      this.announce(this.lastQuery ? "Aucune commune trouvée." : "");
    } else {
      this.announce(results.length === 1 ? "1 commune proposée." : results.length + " communes proposées.");
    }
  };

  CommunePicker.prototype.open = function () {
    if (!this.options.length) {
      this.close();
      return;
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  CommunePicker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  CommunePicker.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  CommunePicker.prototype.setActive = function (index) {
    var items = this.listbox.children;
    for (var i = 0; i < items.length; i += 1) {
      var selected = i === index;
      items[i].setAttribute("aria-selected", selected ? "true" : "false");
      items[i].classList.toggle("active", selected);
    }
    this.active = index;
    if (index >= 0 && items[index]) {
      this.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  CommunePicker.prototype.move = function (step) {
    if (!this.options.length) {
      return;
    }
    if (!this.isOpen()) {
      this.open();
    }
    var count = this.options.length;
    var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.setActive(next);
  };

  CommunePicker.prototype.choose = function (index) {
    var result = this.options[index];
    if (!result) {
      return;
    }
    this.input.value = result.label;
    this.code.value = result.insee;
    this.lastQuery = result.label;
    this.close();
    this.announce(result.label + " choisie.");
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  CommunePicker.prototype.announce = function (message) {
    this.status.textContent = message;
  };

  CommunePicker.prototype.onKeyDown = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this.options.length) {
          this.search();
        } else if (event.altKey) {
          this.open();
        } else {
          this.move(1);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          // Choosing must not submit the form.
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.code.value = "";
          this.render([]);
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  CommunePicker.prototype.onClick = function (event) {
    var option = event.target.closest("[role=option]");
    if (option) {
      this.choose(Number(option.getAttribute("data-index")));
      this.input.focus();
    }
  };

  CommunePicker.prototype.onBlur = function () {
    this.close();
  };

  function init(root) {
    (root || document).querySelectorAll("[data-commune-picker]").forEach(function (element) {
      if (!element.communePicker) {
        element.communePicker = new CommunePicker(element);
      }
    });
  }

  window.Vivier = window.Vivier || {};
  // For forms added after load (formsets): Vivier.initCommunePickers(container).
  window.Vivier.initCommunePickers = init;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
})();
