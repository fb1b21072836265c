"use strict";
(function () {
  var data = JSON.parse(document.getElementById("catalog-data").textContent);
  var form = document.getElementById("filters");
  var query = document.getElementById("q");
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.resource"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));

  // The query is folded as `catalog search` folds text (NFKC, lower case, Persian letters and
  // digits, no ZWNJ or diacritics): the table comes from catalog.textnorm with the data, and
  // the resources' texts arrive folded already, with their glossary terms' other forms.
  var table = data.fold.table;
  var marks = new RegExp(data.fold.marks, "g");
  function fold(text) {
    var out = "";
    Array.from(text.normalize("NFKC").toLowerCase()).forEach(function (ch) {
      out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    });
    return out.replace(marks, "");
  }
  var haystack = {};
  data.resources.forEach(function (r) { haystack[r.id] = " " + r.text + " "; });

  function apply() {
    var words = fold(query.value).split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
    var wanted = selects.map(function (s) { return [s.getAttribute("data-filter"), s.value]; });
    var shown = 0;
    items.forEach(function (li) {
      var text = haystack[li.getAttribute("data-id")] || "";
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        wanted.every(function (pair) {
          if (!pair[1]) { return true; }
          return (" " + li.getAttribute("data-" + pair[0]) + " ").indexOf(" " + pair[1] + " ") !== -1;
        });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (section) {
      var visible = section.querySelectorAll("li.resource:not([hidden])").length;
      section.hidden = visible === 0;
      section.querySelector(".count").textContent = "(" + data.labels.digits(visible) + ")";
    });
    status.textContent = data.labels.showing
      .replace("{shown}", data.labels.digits(shown))
      .replace("{total}", data.labels.digits(items.length));
    empty.hidden = shown !== 0;
  }
  data.labels.digits = function (n) {
    var s = String(n);
    return data.lang === "fa" ? s.replace(/[0-9]/g, function (d) { return "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9".charAt(+d); }) : s;
  };
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
