// Wagtail's date, time and date-time widgets start their pickers with an inline script, which
// the admin's Content-Security-Policy does not run. Our copies of the widget templates load
// this file instead, once per widget, with the same arguments in data attributes.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var init = {
    date: window.initDateChooser,
    datetime: window.initDateTimeChooser,
    time: window.initTimeChooser
  }[script.getAttribute("data-chooser")];
  if (typeof init !== "function") { return; }
  init(script.getAttribute("data-field-id"), JSON.parse(script.getAttribute("data-config")));
})();
