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
})();
