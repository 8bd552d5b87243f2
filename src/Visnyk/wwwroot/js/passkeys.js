// Passkeys in the newsroom: creating one (account page) and signing in with one (sign-in page).
// A form marked data-passkey asks the server for WebAuthn options, hands them to the browser
// (navigator.credentials), puts the answer into its "credential" field and is then sent as usual.
(function () {
  "use strict";
  var supported = window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON && PublicKeyCredential.parseRequestOptionsFromJSON;
  document.querySelectorAll("[data-passkey-unsupported]").forEach(function (note) { note.hidden = !!supported; });
  if (!supported) return;

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    form.hidden = false;
    var status = form.querySelector("[data-passkey-status]");
    var say = function (text) { if (status) status.textContent = text; };
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (sending) return;
      event.preventDefault();
      var token = form.querySelector("input[name=__RequestVerificationToken]").value;
      say("Зачекайте…");
      fetch(form.getAttribute("data-options-url"), { method: "POST", credentials: "same-origin", headers: { RequestVerificationToken: token } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (options) {
          return form.getAttribute("data-passkey") === "create"
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        })
        .then(function (credential) {
          form.querySelector("input[name=credential]").value = JSON.stringify(credential);
          sending = true;
          form.submit();
        })
        .catch(function () {
          say("Не вдалося: ключ не підтверджено або дію скасовано. Спробуйте ще раз.");
        });
    });
  });
})();
