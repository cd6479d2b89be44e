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
// A form came back with errors: move the focus to the error summary, so screen-reader and
// keyboard users start at the list of wrong fields (each links to its field).
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
  // A link in the summary focuses its field (a fragment link alone only scrolls there).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });
})();
// A table wider than the screen scrolls inside its wrapper (.portal-table-wrap): such a
// wrapper becomes a focusable, labelled region so that keyboard users can scroll it too.
(function () {
  "use strict";
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption ? caption.textContent.trim() : "";
  }
  function mark() {
    var wraps = document.querySelectorAll(".portal-table-wrap, .kern-table-responsive");
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-scroll-region")) {
        return; // the template made it a region already
      }
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("data-scroll-region", "");
        if (!wrap.hasAttribute("aria-label") && label(wrap)) {
          wrap.setAttribute("aria-label", label(wrap));
        }
      } else if (wrap.hasAttribute("data-scroll-region")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("data-scroll-region");
      }
    });
  }
  var timer = null;
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(mark, 150);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", mark);
})();
