// Autosave for the article form, so a crash, a closed tab or a lost connection costs seconds of
// typing at most. Every few seconds the text fields go to this browser's storage; every half
// minute, if anything changed, they also go to the server as this user's autosave of the article
// (existing articles only; the article itself does not change until the editor saves).
// On return, text newer than what the server shows is offered back.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-key]");
  if (!form) return;
  var key = "visnyk:autosave:" + form.getAttribute("data-autosave-key");
  var serverUrl = form.getAttribute("data-autosave-url");
  var updatedAt = Number(form.getAttribute("data-updated-at") || 0);
  var status = document.getElementById("autosave-status");
  var fields = ["Form.Title", "Form.Slug", "Form.Summary", "Form.Body", "Form.Tags"];

  function read() {
    var values = {};
    fields.forEach(function (name) {
      var field = form.elements.namedItem(name);
      values[name] = field ? field.value : "";
    });
    return values;
  }
  function same(a, b) {
    return fields.every(function (name) { return (a[name] || "") === (b[name] || ""); });
  }
  function say(text) {
    if (status) status.textContent = text;
  }

  var initial = read();
  var lastLocal = initial;
  var lastServer = initial;

  // Offer back what was typed here and never saved.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.savedAt > updatedAt && !same(kept.values, initial)) {
      var offer = document.getElementById("autosave-offer");
      if (offer) {
        offer.hidden = false;
        offer.querySelector("button").addEventListener("click", function () {
          fields.forEach(function (name) {
            var field = form.elements.namedItem(name);
            if (field) field.value = kept.values[name] || "";
          });
          var body = form.elements.namedItem("Form.Body");
          if (body) body.dispatchEvent(new CustomEvent("rich-text:reload"));
          offer.hidden = true;
          say("Незбережений текст відновлено. Збережіть новину, щоб зберегти його на сервері.");
        });
      }
    }
  } catch (e) { /* storage unavailable or damaged: nothing to offer */ }

  setInterval(function () {
    var now = read();
    if (!same(now, lastLocal)) {
      try {
        localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: now }));
        lastLocal = now;
      } catch (e) { /* storage full or off: the server copy still works */ }
    }
  }, 3000);

  if (serverUrl) {
    setInterval(function () {
      var now = read();
      if (same(now, lastServer)) return;
      var data = new FormData();
      fields.forEach(function (name) { data.append(name, now[name]); });
      data.append("__RequestVerificationToken", form.elements.namedItem("__RequestVerificationToken").value);
      fetch(serverUrl, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (result) {
          lastServer = now;
          say("Чернетку автоматично збережено о " + result.savedAt + ".");
        })
        .catch(function () {
          say("Не вдалося автоматично зберегти на сервері; текст збережено в цьому браузері.");
        });
    }, 30000);
  }

  // A real save makes the local copy obsolete.
  form.addEventListener("submit", function () {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
  });
})();
