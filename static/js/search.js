/* Search enhancements (the pages work without this file).
 * 1. Title autocomplete for <input data-suggest-url>: fills a <datalist> from /search/suggest.
 * 2. Similar ideas on the submit page: [data-similar-ideas] lists up to 5 existing ideas like
 *    the draft title/description, from /search/similar, while the citizen types.
 */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function fetchJSON(url, controller) {
    return fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  function setupSuggest(input) {
    var list = document.createElement("datalist");
    list.id = (input.id || "search") + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var controller = null;
    input.addEventListener("input", debounce(function () {
      var text = input.value.trim();
      if (text.length < 2) { list.replaceChildren(); return; }
      if (controller) controller.abort();
      controller = new AbortController();
      fetchJSON(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), controller).then(function (data) {
        if (!data) return;
        list.replaceChildren.apply(list, data.suggestions.map(function (s) {
          var option = document.createElement("option");
          option.value = s.title;
          return option;
        }));
      });
    }, 150));
  }

  function setupSimilar(box) {
    var title = document.getElementById(box.dataset.titleInput);
    var body = document.getElementById(box.dataset.bodyInput);
    var list = box.querySelector(".similar-ideas__list");
    if (!title || !list) return;
    var controller = null;
    var refresh = debounce(function () {
      var t = title.value.trim();
      if (t.length < 5) { box.hidden = true; return; }
      var url = box.dataset.endpoint + "?title=" + encodeURIComponent(t.slice(0, 500)) +
        "&body=" + encodeURIComponent(body ? body.value.slice(0, 4000) : "");
      if (controller) controller.abort();
      controller = new AbortController();
      fetchJSON(url, controller).then(function (data) {
        if (!data || !data.results) return;
        list.replaceChildren.apply(list, data.results.map(function (r) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = r.url;
          a.textContent = r.title;
          var badge = document.createElement("span");
          badge.className = "badge badge--" + r.status.replace(/_/g, "-");
          badge.textContent = r.status_label;
          var votes = document.createElement("span");
          votes.className = "muted";
          votes.textContent = r.votes_label;
          li.append(a, " ", badge, " ", votes);
          return li;
        }));
        box.hidden = data.results.length === 0;
      });
    }, 400);
    title.addEventListener("input", refresh);
    if (body) body.addEventListener("input", refresh);
    if (title.value) refresh();
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setupSuggest);
  document.querySelectorAll("[data-similar-ideas]").forEach(setupSimilar);
})();
