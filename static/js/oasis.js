/* Oasis progressive enhancement. Every page works without this file. */
(function () {
  "use strict";

  // Vote / take back vote without a page reload. Repeated clicks are harmless:
  // the server is idempotent, and the button is disabled while a request runs.
  function enhanceVoteBox(box) {
    var count = box.querySelector("[data-vote-count]");
    var label = box.querySelector("[data-vote-label]");
    var error = box.querySelector("[data-vote-error]");
    var forms = box.querySelectorAll("form[data-vote-form]");
    if (!count || !forms.length || !window.fetch) return;

    function show(voted) {
      forms.forEach(function (f) {
        f.hidden = (f.getAttribute("data-vote-form") === "vote") === voted;
      });
    }

    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button");
        if (button) button.disabled = true;
        if (error) { error.hidden = true; error.textContent = ""; }
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
        })
          .then(function (response) {
            return response.json().then(function (data) { return { ok: response.ok, data: data }; });
          })
          .then(function (result) {
            if (typeof result.data.votes === "number") {
              // The server words the count in the reader's language (grouping, plural).
              count.textContent = result.data.votes_display || String(result.data.votes);
              if (label && result.data.votes_label) label.textContent = result.data.votes_label;
            }
            if (typeof result.data.voted === "boolean") show(result.data.voted);
            if (!result.ok && error) {
              error.textContent = result.data.error || "";
              error.hidden = !result.data.error;
            }
          })
          .catch(function () { form.submit(); })
          .finally(function () { if (button) button.disabled = false; });
      });
    });
  }

  document.querySelectorAll("[data-vote-box]").forEach(enhanceVoteBox);
})();
