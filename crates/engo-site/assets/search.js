// Search of organisations by part of the name (Kazakh or Russian) or BIN, on a static host:
// the index (assets/search-index.js, written with the site) is loaded on the first search.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var out = document.getElementById("results");
  if (!form || !input || !out) return;
  var d = form.dataset;
  var index = null;
  var loading = null;
  var LIMIT = 50;

  function norm(s) {
    return s.toLowerCase().replace(/ё/g, "е").replace(/[«»"“”]/g, "");
  }

  function prepare(raw) {
    var list = [];
    raw.orgs.split("\n").forEach(function (row) {
      var f = row.split("\t");
      if (f.length < 4) return;
      list.push({ bin: f[0], kk: f[1], ru: f[2], region: f[3], key: norm(f.join(" ")) });
    });
    return { list: list, regions: raw.regions };
  }

  function load() {
    if (index) return Promise.resolve(index);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = d.index;
        s.onload = function () {
          index = prepare(window.ENGO_SEARCH_INDEX);
          resolve(index);
        };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function name(h) {
    return d.lang === "kk" ? h.kk || h.ru : h.ru || h.kk;
  }

  function render(ix, hits, total) {
    out.textContent = "";
    var p = document.createElement("p");
    p.textContent = total ? d.found + ": " + total : d.none;
    out.appendChild(p);
    if (!hits.length) return;
    var ul = document.createElement("ul");
    ul.className = "hits";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.root + d.lang + "/org/" + h.bin + ".html";
      a.textContent = name(h);
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      var region = ix.regions[h.region];
      var place = region ? region[{ kk: 0, ru: 1, en: 2 }[d.lang] || 0] : "";
      meta.textContent = " · " + h.bin + (place ? " · " + place : "");
      li.appendChild(meta);
      ul.appendChild(li);
    });
    out.appendChild(ul);
    if (total > hits.length) {
      var more = document.createElement("p");
      more.textContent = d.first;
      out.appendChild(more);
    }
  }

  function search(q) {
    var terms = norm(q).trim().split(/\s+/).filter(Boolean);
    if (!terms.length) {
      out.textContent = "";
      return;
    }
    load().then(function (ix) {
      var hits = [];
      var total = 0;
      for (var i = 0; i < ix.list.length; i++) {
        var key = ix.list[i].key;
        var all = true;
        for (var t = 0; t < terms.length && all; t++) all = key.indexOf(terms[t]) >= 0;
        if (all) {
          total++;
          if (hits.length < LIMIT) hits.push(ix.list[i]);
        }
      }
      render(ix, hits, total);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search(input.value);
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    search(q);
  }
})();
