// Suggestions under the people finder's name field (progressive enhancement: the form works
// without it). Names and titles from the autocomplete view, inserted as text only.
(function () {
  "use strict";
  var input = document.getElementById("id_q");
  var box = document.getElementById("people-suggestions");
  if (!input || !box || !window.fetch) { return; }
  var url = box.getAttribute("data-autocomplete-url");
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2) { box.textContent = ""; return; }
      fetch(url + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {results: []}; })
        .then(function (data) {
          box.textContent = "";
          if (!data.results.length) { return; }
          var list = document.createElement("ul");
          data.results.forEach(function (p) {
            var item = document.createElement("li"), link = document.createElement("a");
            link.href = p.url;
            link.textContent = p.title ? p.name + ", " + p.title : p.name;
            item.appendChild(link);
            list.appendChild(item);
          });
          box.appendChild(list);
        });
    }, 200);
  });
})();
