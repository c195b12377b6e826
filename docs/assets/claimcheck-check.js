/* The Check a text page: a pasted text's sentences matched to checked claims, in the page.
   Nothing is sent anywhere: the page fetches only this site's own index files (checktext/,
   written by the build, scripts/claimcheck/render/checkindex.py) and only the pieces the
   text needs. The scoring is scripts/claimcheck/claimmatch.py's, step for step; a browser
   test holds the two to the same results. Every string, pasted or from the catalog, is
   written with textContent. */
(function () {
  "use strict";
  var box = document.getElementById("cc-check");
  var script = document.currentScript;
  if (!box || !script || !window.fetch) {
    return;
  }
  var MAX_CHARS = 60000; // some 10,000 words: more is cut, and the page says so
  var home = new URL("../", script.src); // the site's root: this script is in assets/
  var indexBase = new URL("checktext/", home);

  // --- Words: similarity.terms and stem -------------------------------------------------
  var STOP = new Set(("a an and are as at be been being but by can could do does for from had has " +
    "have how in into is it its it's of on or so such that the their them then there these they " +
    "this those to was were what when which while who will with would ketamine also may more " +
    "than not no all any some very just about over after before your you our we").split(" "));
  var SUFFIXES = ["ations", "ation", "ically", "ities", "ity", "ness", "ments", "ment",
    "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "ic", "al", "s"];

  function stem(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (word.length - s.length >= 4 && word.slice(-s.length) === s) {
        return word.slice(0, -s.length);
      }
    }
    return word;
  }

  function terms(text) {
    var words = text.toLowerCase().replace(/\u2019/g, "'").match(/[a-z0-9]+/g) || [];
    var out = [];
    words.forEach(function (w) {
      if (!STOP.has(w) && w.length > 1) {
        out.push(stem(w));
      }
    });
    return out;
  }

  // --- Sentences: sentences.split -------------------------------------------------------
  var END = /[.!?]+["'\u201d\u2019)\]]*(?=\s)/g;
  var ABBREVIATIONS = new Set("dr mr mrs ms prof st vs etc e.g i.e al fig no approx inc ltd u.s".split(" "));
  var LINE = /[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])?/g;
  var WORDCHAR = /[\p{L}\p{N}_]/u;
  var LONG = 220;

  function split(text) {
    var out = [];
    LINE.lastIndex = 0;
    var m;
    while ((m = LINE.exec(text)) !== null && m[0] !== "") {
      splitLine(m[0], out);
    }
    return out;
  }

  function splitLine(line, out) {
    var start = 0;
    var m;
    END.lastIndex = 0;
    while ((m = END.exec(line)) !== null) {
      var before = line.slice(start, m.index).trim().split(/\s+/);
      var word = before[before.length - 1].toLowerCase().replace(/^[("'\u201c]+|[("'\u201c]+$/g, "");
      if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word)) {
        continue;
      }
      add(line, start, m.index + m[0].length, out);
      start = m.index + m[0].length;
    }
    add(line, start, line.length, out);
  }

  function add(line, start, end, out) {
    var pieces = [[start, end]];
    if (end - start > LONG) {
      pieces = [];
      var at = start;
      var clause = /;\s+/g;
      var upto = line.slice(0, end);
      clause.lastIndex = start;
      var c;
      while ((c = clause.exec(upto)) !== null) {
        pieces.push([at, c.index]);
        at = c.index + c[0].length;
      }
      pieces.push([at, end]);
    }
    pieces.forEach(function (p) {
      var body = line.slice(p[0], p[1]).trim();
      if (WORDCHAR.test(body)) {
        out.push(body);
      }
    });
  }

  // --- Does the sentence make a claim: sentences.checkability -----------------------------
  var cues = null;

  function count(name, sentence) {
    var found = sentence.match(cues[name]);
    return found ? found.length : 0;
  }

  var ASKS = /^[^\p{L}\p{N}_]*(?:how|what|why|which|when|where|who|does|do|is|are|can)\b/iu;

  // sentences._states: a line without a full stop that names an effect and does not ask
  function states(line) {
    return count("causal", line) > 0 && !ASKS.test(line);
  }

  function checkability(sentence) {
    var words = sentence.match(/[\p{L}\p{N}_]+/gu) || [];
    if (!words.length) {
      return 0;
    }
    var score = 1.2 * Math.min(count("mechanism", sentence), 3) +
      1.0 * Math.min(count("causal", sentence), 2) +
      0.8 * Math.min(count("study", sentence), 2) +
      0.6 * Math.min(count("comparison", sentence), 2) +
      0.6 * Math.min(count("superlative", sentence), 2) +
      0.5 * Math.min(count("number", sentence), 2);
    score -= 0.7 * Math.min(count("marketing", sentence), 4);
    if (/\?$/.test(sentence.replace(/\s+$/, ""))) {
      score -= 1.5;
    }
    if (!/[.!][^\p{L}\p{N}_]*$/u.test(sentence) && words.length < 12 && !states(sentence)) {
      score -= 2.0;
    }
    if (words.length < 5) {
      score -= 1.0;
    }
    return score;
  }

  // --- The index: claimmatch.Index, fetched in pieces -------------------------------------
  var meta = null;
  var shards = {};
  var chunks = {};

  function getJSON(name) {
    return fetch(new URL(name, indexBase)).then(function (r) {
      if (!r.ok) {
        throw new Error(name + ": " + r.status);
      }
      return r.json();
    });
  }

  function shardOf(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % meta.shards;
  }

  function loadMeta() {
    if (meta) {
      return Promise.resolve(meta);
    }
    return getJSON("meta.json").then(function (m) {
      meta = m;
      cues = {};
      Object.keys(m.cues).forEach(function (k) {
        cues[k] = new RegExp(m.cues[k], "gi");
      });
      return m;
    });
  }

  function loadAll(kind, numbers, store) {
    var wanted = numbers.filter(function (k) { return !(k in store); });
    return Promise.all(wanted.map(function (k) {
      return getJSON(kind + k + ".json").then(function (data) { store[k] = data; });
    }));
  }

  function entry(term) {
    var shard = shards[shardOf(term)];
    return shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
  }

  // claimmatch.Index.matches: [[claim number, score], ...], best first
  function matches(words) {
    var counts = new Map();
    words.forEach(function (t) { counts.set(t, (counts.get(t) || 0) + 1); });
    var vec = [];
    var sum = 0;
    counts.forEach(function (k, t) {
      var e = entry(t);
      var v = (1 + Math.log(k)) * (e ? e[0] : meta.default_idf);
      vec.push([t, v, e]);
      sum += v * v;
    });
    var norm = Math.sqrt(sum) || 1.0;
    var scores = new Map();
    vec.forEach(function (item) {
      var e = item[2];
      if (!e) {
        return;
      }
      var weight = item[1] / norm;
      var claim = 0;
      for (var i = 1; i < e.length; i += 2) {
        claim += e[i];
        var had = scores.get(claim) || [0, 0];
        scores.set(claim, [had[0] + weight * e[i + 1] / meta.scale, had[1] + 1]);
      }
    });
    var ranked = [];
    scores.forEach(function (s, c) {
      var r = Math.round(s[0] * 1000) / 1000;
      if (r >= meta.floor && s[1] >= meta.min_shared) {
        ranked.push([c, r]);
      }
    });
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return ranked.slice(0, meta.shown);
  }

  // --- The page ---------------------------------------------------------------------------
  var form = box.querySelector("form");
  var area = box.querySelector("textarea");
  var status = document.getElementById("cc-check-status");
  var results = document.getElementById("cc-check-results");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = new URL(href, home).href;
    return a;
  }

  function closeness(score) {
    return score >= 0.7 ? "very close" : score >= 0.5 ? "close" : "somewhat close";
  }

  function row(claim) {
    var chunk = chunks[Math.floor(claim / meta.chunk)];
    return chunk[claim % meta.chunk];
  }

  function matchItem(match) {
    var r = row(match[0]);
    var li = el("li", "cc-check-match");
    li.setAttribute("data-score", String(match[1]));
    li.setAttribute("data-claim", r[0]);
    var verdict = el("span", "cc-badge cc-verdict cc-verdict--" + r[1], meta.verdicts[r[1]] || r[1]);
    li.appendChild(verdict);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link(r[0], r[2]));
    var from = el("span", "cc-check-from");
    from.appendChild(document.createTextNode(" (checked in "));
    from.appendChild(r[4] ? link(r[4], r[3]) : document.createTextNode(r[3]));
    from.appendChild(document.createTextNode(")"));
    li.appendChild(from);
    var score = el("span", "cc-check-score",
      closeness(match[1]) + ", " + match[1].toFixed(2) + " of 1");
    li.appendChild(document.createTextNode(" "));
    li.appendChild(score);
    return li;
  }

  function show(found, quiet, cut) {
    results.textContent = "";
    var heading = el("h2", "", "What was already checked");
    heading.id = "cc-check-heading";
    heading.tabIndex = -1;
    results.appendChild(heading);
    var matched = found.filter(function (f) { return f.matches.length; }).length;
    var summary = el("p", "", found.length === 0
      ? "None of the sentences makes a claim of the kind this site checks."
      : matched + " of the " + found.length + " sentences that make a claim " +
        (matched === 1 ? "is" : "are") + " close to a claim already checked." +
        (cut ? " Only the first " + MAX_CHARS.toLocaleString("en") + " characters were read." : ""));
    results.appendChild(summary);
    var list = el("ol", "cc-check-sentences");
    found.forEach(function (f) {
      var li = el("li", "cc-check-sentence");
      li.appendChild(el("p", "cc-check-said", f.text));
      if (f.matches.length) {
        li.appendChild(el("p", "cc-check-lead",
          "Checked claims that say much the same, closest first:"));
        var ol = el("ol", "cc-check-matches");
        f.matches.forEach(function (m) { ol.appendChild(matchItem(m)); });
        li.appendChild(ol);
      } else {
        li.appendChild(el("p", "cc-check-none", "Nothing close was checked."));
      }
      list.appendChild(li);
    });
    results.appendChild(list);
    if (quiet.length) {
      var details = el("details", "cc-check-quiet");
      details.appendChild(el("summary", "", quiet.length + (quiet.length === 1 ? " sentence makes" : " sentences make") +
        " no claim of the kind this site checks (a heading, a question or a call to action, say) and matches none"));
      var ul = el("ul");
      quiet.forEach(function (text) { ul.appendChild(el("li", "", text)); });
      details.appendChild(ul);
      results.appendChild(details);
    }
    status.textContent = summary.textContent; // read out; shown once, in the results
    status.classList.add("cc-sr");
    heading.focus();
  }

  function check(text) {
    var cut = text.length > MAX_CHARS;
    var sentences = split(cut ? text.slice(0, MAX_CHARS) : text);
    return loadMeta().then(function () {
      var all = sentences.map(function (s) { return { text: s, words: terms(s) }; });
      var needed = new Set();
      all.forEach(function (s) { s.words.forEach(function (t) { needed.add(shardOf(t)); }); });
      return loadAll("t", Array.from(needed), shards).then(function () {
        var found = [];
        var quiet = [];
        var claims = new Set();
        all.forEach(function (s) {
          var m = matches(s.words);
          if (m.length || checkability(s.text) > 0) {
            found.push({ text: s.text, matches: m });
            m.forEach(function (x) { claims.add(Math.floor(x[0] / meta.chunk)); });
          } else {
            quiet.push(s.text);
          }
        });
        return loadAll("c", Array.from(claims), chunks).then(function () {
          show(found, quiet, cut);
        });
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = area.value;
    if (!text.trim()) {
      status.textContent = "Paste a text into the box first.";
      area.focus();
      return;
    }
    status.classList.remove("cc-sr");
    status.textContent = "Checking…";
    var started = performance.now();
    check(text).then(function () {
      box.setAttribute("data-checked-ms", String(Math.round(performance.now() - started)));
    }, function () {
      status.textContent = "The site's index of checked claims could not be loaded; try again.";
    });
  });

  // for the test that holds this scoring to claimmatch.py's
  window.ccCheckText = { split: split, terms: terms, checkability: checkability,
    score: function (texts) {
      return loadMeta().then(function () {
        var needed = new Set();
        var words = texts.map(terms);
        words.forEach(function (w) { w.forEach(function (t) { needed.add(shardOf(t)); }); });
        return loadAll("t", Array.from(needed), shards).then(function () { return words.map(matches); });
      });
    } };
})();
