// Suggestions under the search field (progressive enhancement: the form works without it).
// Fills the field's <datalist> with titles and names from /sok/autocomplete/; text only.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autocomplete-url]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("list"));
  // Says so when the search backend is down (the answer then carries a message).
  var status = document.getElementById("search-suggestions-status");
  var timer = null;
  var latest = 0;

  function fill(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      option.label = suggestion.kind;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { fill([]); return; }
    timer = window.setTimeout(function () {
      var request = ++latest;
      var url = form.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (request !== latest) { return; }
          fill(data.suggestions || []);
          if (status) { status.textContent = data.message || ""; }
        })
        .catch(function () { fill([]); });
    }, 200);
  });
}());
