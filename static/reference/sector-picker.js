// Sector picker: a WAI-ARIA combobox over the NAF sectors (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
// Enhances every [data-sector-picker] rendered by portal.reference.forms_sectors.SectorPickerWidget.
//
// The suggestions come from the widget's own <select> rather than from an endpoint: the select is in the
// page anyway as the no-JavaScript fallback, its 732 options weigh about 45 KB, and filtering them here
// answers every keystroke at once with no request to the server. The rules are those of
// portal.reference.sectors.sector_search (a browser test checks that both give the same answers).
//
// Keys: Down/Up move through the suggestions (Down on an empty box lists every sector by section), Enter
// picks (with several sectors, Enter on a chosen one removes it, and the list stays open for more),
// Escape closes (or clears the box when already closed), Tab leaves without picking. Chosen sectors show
// as chips with a "Retirer" button.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var MAX_QUERY_LENGTH = 100;
  var MAX_TOKENS = 8;
  // Counts are announced once typing pauses, not at every keystroke.
  var ANNOUNCE_MS = 350;
  var WORD = /[a-z0-9]+/g;
  var counter = 0;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function queryTokens(query) {
    var text = fold(query.slice(0, MAX_QUERY_LENGTH)).replace(/(\d)\.(?=\d)/g, "$1");
    return (text.match(WORD) || []).slice(0, MAX_TOKENS);
  }

  // 0: every word found in the sector's own label (or its code, for a token that starts with a digit);
  // 1: some only in its section's label; -1: no match.
  function rank(tokens, sector) {
    var result = 0;
    for (var i = 0; i < tokens.length; i += 1) {
      var token = tokens[i];
      if (/^\d/.test(token)) {
        if (sector.compact.indexOf(token) !== 0) {
          return -1;
        }
      } else if (!startsAWord(sector.words, token)) {
        if (!startsAWord(sector.sectionWords, token)) {
          return -1;
        }
        result = 1;
      }
    }
    return result;
  }

  function startsAWord(words, token) {
    for (var i = 0; i < words.length; i += 1) {
      if (words[i].indexOf(token) === 0) {
        return true;
      }
    }
    return false;
  }

  function plural(count, one, many) {
    return count === 1 ? "1 " + one : count + " " + many;
  }

  function readSectors(select) {
    var sectors = [];
    select.querySelectorAll("optgroup").forEach(function (group) {
      var sectionLabel = group.getAttribute("data-section-label") || "";
      Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
        var text = option.textContent;
        var suffix = " (" + option.value + ")";
        var label = text.slice(-suffix.length) === suffix ? text.slice(0, -suffix.length) : text;
        sectors.push({
          code: option.value,
          label: label,
          text: text,
          group: group.label,
          option: option,
          section: group.getAttribute("data-section") || "",
          words: fold(label).match(WORD) || [],
          sectionWords: fold(sectionLabel).match(WORD) || [],
          compact: option.value.replace(".", "").toLowerCase(),
        });
      });
    });
    return sectors;
  }

  function SectorPicker(root) {
    this.root = root;
    this.multiple = root.hasAttribute("data-multiple");
    this.select = root.querySelector("select");
    this.ui = root.querySelector("[data-sector-ui]");
    this.input = root.querySelector("[data-sector-input]");
    this.listbox = root.querySelector("[data-sector-listbox]");
    this.empty = root.querySelector("[data-sector-empty]");
    this.chips = root.querySelector("[data-sector-chips]");
    this.status = root.querySelector("[data-sector-status]");
    this.inputName = this.input.name;
    this.sectors = readSectors(this.select);
    this.matches = [];
    this.active = -1;
    // With several sectors: the text in the box has been used to pick, so it is no search left to send.
    this.used = false;
    this.announceTimer = null;

    counter += 1;
    if (!this.input.id) {
      this.input.id = "sector-picker-" + counter;
    }
    this.listbox.id = this.input.id + "-listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", "Secteurs proposés");
    if (this.multiple) {
      this.listbox.setAttribute("aria-multiselectable", "true");
      this.chips.setAttribute("aria-label", "Secteurs choisis");
    }
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
    this.adoptSelect();

    if (!this.multiple && !this.input.value && this.select.value) {
      this.input.value = this.select.selectedOptions[0].textContent;
    }
    this.renderChips();

    this.input.addEventListener("input", this.onInput.bind(this));
    this.input.addEventListener("keydown", this.onKeyDown.bind(this));
    this.input.addEventListener("blur", this.onBlur.bind(this));
    // mousedown would move the focus out of the input before the click lands.
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", this.onClick.bind(this));
    if (this.chips) {
      this.chips.addEventListener("click", this.onChipClick.bind(this));
    }
    if (this.input.form) {
      this.input.form.addEventListener("submit", this.onSubmit.bind(this));
    }
  }

  // The text box takes the select's place: its label, descriptions and error state; the select stays in
  // the form, hidden, and carries the chosen codes.
  SectorPicker.prototype.adoptSelect = function () {
    var select = this.select;
    var input = this.input;
    Array.prototype.forEach.call(select.attributes, function (attribute) {
      if (attribute.name.indexOf("aria-") === 0) {
        input.setAttribute(attribute.name, attribute.value);
      }
    });
    if (select.required) {
      input.setAttribute("aria-required", "true");
      select.required = false;
    }
    if (select.id) {
      document.querySelectorAll('label[for="' + CSS.escape(select.id) + '"]').forEach(function (label) {
        label.htmlFor = input.id;
      });
    }
    select.hidden = true;
    select.style.display = "none";
    select.setAttribute("aria-hidden", "true");
    input.disabled = false;
    this.ui.hidden = false;
  };

  SectorPicker.prototype.search = function (query) {
    var tokens = queryTokens(query);
    if (!tokens.length) {
      return [];
    }
    // By section and, within a section, the sectors found by their own label first.
    var found = [];
    this.sectors.forEach(function (sector, index) {
      var value = rank(tokens, sector);
      if (value >= 0) {
        found.push({ sector: sector, rank: value, index: index });
      }
    });
    found.sort(function (a, b) {
      return a.sector.section < b.sector.section ? -1 : a.sector.section > b.sector.section ? 1 : a.rank - b.rank || a.index - b.index;
    });
    return found.map(function (entry) { return entry.sector; });
  };

  SectorPicker.prototype.onInput = function () {
    this.used = false;
    if (!this.multiple && this.select.value) {
      // Typing drops the previous choice; the server resolves the text if nothing is picked.
      this.select.value = "";
      this.select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    this.filter();
  };

  SectorPicker.prototype.filter = function () {
    var query = this.input.value.trim();
    var tokens = queryTokens(query);
    if (tokens.join("").length < MIN_LENGTH) {
      this.render([]);
      this.close();
      this.showEmpty("");
      this.announce("");
      return;
    }
    var found = this.search(query);
    this.render(found);
    this.showEmpty(found.length ? "" : "Aucun secteur ne correspond à «\u00a0" + query + "\u00a0».");
    this.open();
    this.announce(found.length ? plural(found.length, "secteur trouvé", "secteurs trouvés") + "." : "Aucun secteur trouvé.", true);
  };

  SectorPicker.prototype.browse = function () {
    this.render(this.sectors);
    this.open();
    this.announce(plural(this.sectors.length, "secteur", "secteurs") + ", classés par section.", true);
  };

  SectorPicker.prototype.render = function (found) {
    var self = this;
    var group = null;
    var section = null;
    this.listbox.textContent = "";
    this.matches = found;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    found.forEach(function (sector, index) {
      if (sector.group !== section) {
        section = sector.group;
        group = document.createElement("div");
        group.setAttribute("role", "group");
        var heading = document.createElement("div");
        heading.setAttribute("role", "presentation");
        heading.className = "sector-picker__heading";
        heading.id = self.listbox.id + "-group-" + index;
        heading.textContent = sector.group;
        group.setAttribute("aria-labelledby", heading.id);
        group.appendChild(heading);
        self.listbox.appendChild(group);
      }
      var option = document.createElement("div");
      option.id = self.listbox.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("data-index", String(index));
      option.className = "sector-picker__option";
      option.setAttribute("aria-selected", self.multiple && sector.option.selected ? "true" : "false");
      var code = document.createElement("span");
      code.className = "sector-picker__code";
      code.textContent = sector.code;
      option.appendChild(document.createTextNode(sector.label + " "));
      option.appendChild(code);
      group.appendChild(option);
    });
  };

  SectorPicker.prototype.showEmpty = function (message) {
    this.empty.textContent = message;
    this.empty.hidden = !message;
  };

  SectorPicker.prototype.open = function () {
    if (!this.matches.length) {
      this.close();
      return;
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  SectorPicker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  SectorPicker.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  SectorPicker.prototype.optionAt = function (index) {
    return index >= 0 ? document.getElementById(this.listbox.id + "-" + index) : null;
  };

  SectorPicker.prototype.setActive = function (index) {
    var previous = this.optionAt(this.active);
    if (previous) {
      previous.classList.remove("is-active");
      if (!this.multiple) {
        previous.setAttribute("aria-selected", "false");
      }
    }
    this.active = index;
    var option = this.optionAt(index);
    if (option) {
      option.classList.add("is-active");
      if (!this.multiple) {
        option.setAttribute("aria-selected", "true");
      }
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SectorPicker.prototype.move = function (step) {
    if (!this.matches.length) {
      return;
    }
    if (!this.isOpen()) {
      this.open();
    }
    var count = this.matches.length;
    var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.setActive(next);
  };

  SectorPicker.prototype.choose = function (index) {
    var sector = this.matches[index];
    if (!sector) {
      return;
    }
    if (this.multiple) {
      sector.option.selected = !sector.option.selected;
      this.used = true;
      var option = this.optionAt(index);
      if (option) {
        option.setAttribute("aria-selected", sector.option.selected ? "true" : "false");
      }
      this.renderChips();
      this.announce((sector.option.selected ? "Secteur ajouté : " : "Secteur retiré : ") + sector.text + ". " + this.chosenCount());
    } else {
      this.select.value = sector.code;
      this.input.value = sector.text;
      this.close();
      this.showEmpty("");
      this.announce("Secteur choisi : " + sector.text + ".");
    }
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  SectorPicker.prototype.chosenCount = function () {
    var count = this.select.selectedOptions.length;
    return count ? plural(count, "secteur choisi.", "secteurs choisis.") : "Aucun secteur choisi.";
  };

  SectorPicker.prototype.renderChips = function () {
    if (!this.chips) {
      return;
    }
    var chips = this.chips;
    chips.textContent = "";
    Array.prototype.forEach.call(this.select.selectedOptions, function (option) {
      var chip = document.createElement("li");
      chip.className = "sector-picker__chip";
      var text = document.createElement("span");
      text.className = "sector-picker__chip-label";
      text.textContent = option.textContent;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "sector-picker__remove";
      remove.setAttribute("data-code", option.value);
      remove.setAttribute("aria-label", "Retirer " + option.textContent);
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      remove.appendChild(cross);
      chip.appendChild(text);
      chip.appendChild(remove);
      chips.appendChild(chip);
    });
    chips.hidden = !this.select.selectedOptions.length;
  };

  SectorPicker.prototype.onChipClick = function (event) {
    var button = event.target.closest(".sector-picker__remove");
    if (!button) {
      return;
    }
    var buttons = Array.prototype.slice.call(this.chips.querySelectorAll(".sector-picker__remove"));
    var position = buttons.indexOf(button);
    var option = Array.prototype.find.call(this.select.options, function (candidate) {
      return candidate.value === button.getAttribute("data-code");
    });
    if (!option) {
      return;
    }
    option.selected = false;
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
    this.renderChips();
    // The focus goes to the chip that took this one's place, or to the text box.
    var rest = this.chips.querySelectorAll(".sector-picker__remove");
    var next = rest[Math.min(position, rest.length - 1)];
    (next || this.input).focus();
    this.announce("Secteur retiré : " + option.textContent + ". " + this.chosenCount());
  };

  SectorPicker.prototype.announce = function (message, later) {
    var status = this.status;
    window.clearTimeout(this.announceTimer);
    if (later) {
      this.announceTimer = window.setTimeout(function () { status.textContent = message; }, ANNOUNCE_MS);
    } else {
      status.textContent = message;
    }
  };

  SectorPicker.prototype.clear = function () {
    this.input.value = "";
    this.used = false;
    this.render([]);
    this.showEmpty("");
    if (!this.multiple && this.select.value) {
      this.select.value = "";
      this.select.dispatchEvent(new Event("change", { bubbles: true }));
      this.announce("Secteur effacé.");
    }
  };

  SectorPicker.prototype.onKeyDown = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) {
          this.open();
        } else if (!this.isOpen()) {
          if (this.matches.length) {
            this.open();
            this.move(1);
          } else if (queryTokens(this.input.value).join("").length < MIN_LENGTH) {
            this.browse();
          } else {
            this.filter();
          }
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
          // Picking must not submit the form.
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
          this.forgetUsedText();
        } else if (this.input.value) {
          event.preventDefault();
          this.clear();
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  SectorPicker.prototype.onClick = function (event) {
    var option = event.target.closest("[role=option]");
    if (option) {
      this.choose(Number(option.getAttribute("data-index")));
      this.input.focus();
    }
  };

  SectorPicker.prototype.forgetUsedText = function () {
    if (this.multiple && this.used) {
      this.input.value = "";
      this.used = false;
      this.render([]);
    }
  };

  SectorPicker.prototype.onBlur = function () {
    this.close();
    this.showEmpty("");
    this.forgetUsedText();
  };

  SectorPicker.prototype.onSubmit = function () {
    // Only text typed and not picked is sent, for the server to resolve or explain; an unnamed input is not sent.
    var pending = this.input.value.trim() && !this.used && !(!this.multiple && this.select.value);
    this.input.name = pending ? this.inputName : "";
  };

  function init(root) {
    (root || document).querySelectorAll("[data-sector-picker]").forEach(function (element) {
      if (!element.sectorPicker) {
        element.sectorPicker = new SectorPicker(element);
      }
    });
  }

  // Rows added to a formset after load ("+ Ajouter") get their picker without the formset script knowing.
  // Such rows are copies of a <template>: pages without one holding a picker are not watched.
  function watch() {
    var templates = Array.prototype.slice.call(document.querySelectorAll("template"));
    if (!templates.some(function (template) { return template.content.querySelector("[data-sector-picker]"); })) {
      return;
    }
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node.nodeType === 1 && (node.matches("[data-sector-picker]") || node.querySelector("[data-sector-picker]"))) {
            init(node.parentNode);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  window.Vivier = window.Vivier || {};
  window.Vivier.initSectorPickers = init;

  function start() {
    init();
    watch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
