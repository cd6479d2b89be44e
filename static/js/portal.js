// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Forms marked data-autosubmit submit when a select changes (the submit button stays).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.matches("select, input[type=checkbox], input[type=radio]")) {
      if (window.htmx && form.hasAttribute("hx-get")) {
        window.htmx.trigger(form, "submit");
      } else {
        form.requestSubmit();
      }
    }
  });
  // Discussions: a click on a suggested @person or !Kommune replaces the word being typed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-mention-insert]");
    if (!button) {
      return;
    }
    var box = button.closest("[data-mention-suggestions]");
    var form = button.closest("form");
    var field = form && form.querySelector("[data-mention-input]");
    if (!field) {
      return;
    }
    var text = field.value;
    var at = Math.max(text.lastIndexOf("@"), text.lastIndexOf("!"));
    field.value = (at >= 0 ? text.slice(0, at) : text) + button.getAttribute("data-mention-insert") + " ";
    if (box) {
      box.textContent = "";
    }
    field.focus();
  });
})();
