/* Django admin, two accessibility repairs.

   1. An autocomplete field (select2) is a combobox named by its selected text
   (aria-labelledby), so an empty one, e.g. a Maßnahme's "Verantwortliche Person" in a meeting's
   inline table, has no accessible name at all (axe: aria-input-field-name). Where the
   underlying <select> carries an aria-label (the inline columns, lippe_ikz/admin_setup.py), the
   combobox gets that name; the selected value stays readable inside it.

   2. On a narrow window Django lets an inline group scroll sideways (admin/css/responsive.css);
   one without any field (a read-only inline, e.g. a meeting's attachments) could then not be
   scrolled by keyboard (axe: scrollable-region-focusable): it becomes a focusable, named
   region. */
(function () {
  "use strict";

  function name(root) {
    root.querySelectorAll("select.admin-autocomplete[aria-label]").forEach(function (select) {
      var container = select.nextElementSibling;
      var box = container && container.querySelector(".select2-selection[role=combobox]");
      var text = box && box.querySelector("[role=textbox]");
      if (box) {
        box.removeAttribute("aria-labelledby");
        box.setAttribute("aria-label", select.getAttribute("aria-label"));
      }
      if (text) text.setAttribute("aria-label", select.getAttribute("aria-label"));
    });
  }

  function scrollable(root) {
    root.querySelectorAll(".inline-group").forEach(function (group) {
      if (group.querySelector("input:not([type=hidden]), select, textarea, a[href], button")) return;
      var heading = group.querySelector("h2");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "region");
      if (heading) group.setAttribute("aria-label", heading.textContent.trim());
    });
  }

  // After Django's own handlers have turned the selects into select2 widgets: its
  // autocomplete.js does that in a jQuery ready callback, which may run after the window's
  // load event; ours is queued behind it (this file is deferred, so it runs after the form's
  // media scripts).
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () { name(document); });
  }
  window.addEventListener("load", function () { name(document); });
  document.addEventListener("DOMContentLoaded", function () { scrollable(document); });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () { name(event.target); }, 0);
  });
})();
