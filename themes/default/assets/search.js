/* Offline search for the WSIS site. The index is split into small .js
   files loaded with script tags (file:// blocks fetch): meta.js first, then
   only the term shards of the query and the document chunks of the
   results. No other host is ever contacted. */
(function () {
  "use strict";
  var base = "./"; // search files sit beside this page
  var loaded = {}, waiting = {};
  var meta = null, docs = {}, shards = {};
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !list) return;

  function load(name, ready) {
    if (loaded[name]) { ready(); return; }
    if (waiting[name]) { waiting[name].push(ready); return; }
    waiting[name] = [ready];
    var s = document.createElement("script");
    s.src = base + name;
    s.onload = function () { loaded[name] = true; var w = waiting[name]; delete waiting[name]; w.forEach(function (f) { f(); }); };
    s.onerror = function () { status.textContent = say("failed", 0, ""); };
    document.head.appendChild(s);
  }

  window.wsisSearch = {
    meta: function (m) { meta = m; },
    docs: function (n, rows) { docs[n] = rows; },
    terms: function (key, terms) { shards[key] = terms; }
  };

  /* The page's own words for the status line (data-none, data-failed,
     and data-results-one, -few... by the page language's plural rules,
     data-results-other standing for a form the theme leaves out), with {n}
     and {q} filled in. */
  function plural(n) {
    try { return new Intl.PluralRules(document.documentElement.lang).select(n); } catch (e) { return "other"; }
  }
  function say(which, n, q) {
    var text = status.getAttribute("data-" + which);
    if (text === null && which.indexOf("results-") === 0) text = status.getAttribute("data-results-other");
    text = text || "";
    return text.split("{n}").join(String(n)).split("{q}").join(q);
  }

  /* Query terms, made the way the generator makes the index's terms
     (src/render/terms.rs): case and accents folded, Arabic normalised and
     its article optional (the index also holds each word without its
     clitic, so the dictionary form finds it), Chinese cut into overlapping
     character pairs, a lone character its own term. */
  var HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;
  function fold(text) {
    return text.normalize("NFD").replace(/[\p{M}\u0640]/gu, "")
      .replace(/\u0671/g, "\u0627").replace(/[\u0649\u06CC]/g, "\u064A").replace(/\u06A9/g, "\u0643")
      .toLowerCase();
  }
  function withoutArticle(w) {
    return w.indexOf("\u0627\u0644") === 0 && Array.from(w).length >= 4 ? w.slice(2) : w;
  }
  function words(text) {
    var out = [];
    fold(text).split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
      var run = "", han = [];
      function flushRun() { var w = withoutArticle(run); if (Array.from(w).length >= 2) out.push(w); run = ""; }
      function flushHan() {
        if (han.length === 1) out.push(han[0]);
        for (var i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
        han = [];
      }
      Array.from(word).forEach(function (c) {
        if (HAN.test(c)) { flushRun(); han.push(c); } else { flushHan(); run += c; }
      });
      flushRun(); flushHan();
    });
    return out;
  }
  /* The shard of a term: 32-bit FNV-1a over the code points of its first
     two characters, modulo the index's shard count (src/render/search.rs). */
  function shardKey(term) {
    var h = 0x811c9dc5;
    Array.from(term).slice(0, 2).forEach(function (c) {
      h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
    });
    return h % meta.count;
  }
  function ids(deltas) {
    if (!deltas) return [];
    var out = [], last = 0;
    deltas.split(",").forEach(function (d) { last += parseInt(d, 36); out.push(last); });
    return out;
  }
  /* Scores for one query word: exact terms, or terms it starts (for the
     word being typed). Title matches count three times. */
  function scores(word, prefix) {
    var shard = shards[shardKey(word)] || {}, found = {};
    Object.keys(shard).forEach(function (term) {
      if (term === word || (prefix && term.indexOf(word) === 0)) {
        ids(shard[term][0]).forEach(function (id) { found[id] = Math.max(found[id] || 0, 3); });
        ids(shard[term][1]).forEach(function (id) { found[id] = Math.max(found[id] || 0, 1); });
      }
    });
    return found;
  }

  function show(results, query) {
    list.innerHTML = "";
    status.textContent = say(results.length === 0 ? "none" : "results-" + plural(results.length), results.length, query);
    results.slice(0, 50).forEach(function (r) {
      var d = docs[Math.floor(r.id / meta.chunk)][r.id % meta.chunk];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "../" + d[2];
      a.textContent = d[0];
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " " + d[1];
      var p = document.createElement("p");
      p.textContent = d[3];
      li.appendChild(a); li.appendChild(kind); li.appendChild(p);
      list.appendChild(li);
    });
  }

  function run(query) {
    var ws = words(query);
    if (ws.length === 0) { list.innerHTML = ""; status.textContent = ""; return; }
    var keys = ws.map(shardKey).filter(function (k) { return meta.shards.indexOf(k) >= 0; });
    var pending = keys.length + 1;
    function next() {
      if (--pending > 0) return;
      var total = null;
      ws.forEach(function (w, i) {
        var s = scores(w, i === ws.length - 1);
        if (total === null) { total = s; return; }
        var both = {};
        Object.keys(total).forEach(function (id) { if (s[id]) both[id] = total[id] + s[id]; });
        total = both;
      });
      var results = Object.keys(total || {}).map(function (id) { return { id: +id, score: total[id] }; });
      results.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      var chunks = {};
      results.slice(0, 50).forEach(function (r) { chunks[Math.floor(r.id / meta.chunk)] = true; });
      var names = Object.keys(chunks);
      var left = names.length;
      if (left === 0) { show(results, query); return; }
      names.forEach(function (n) { load("docs-" + n + ".js", function () { if (--left === 0) show(results, query); }); });
    }
    keys.forEach(function (k) { load("terms-" + k + ".js", next); });
    next();
  }

  var timer = null;
  function start() {
    var q = new URLSearchParams(location.search).get("q") || "";
    if (q) { input.value = q; run(q); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    });
  }
  load("meta.js", start);
})();
