// Content-Security-Policy: setAttribute("style", text) is an inline style, which our policy
// blocks; setting the same text through the CSSOM (element.style.cssText) is not, and has the
// same effect. plotly.js (d3) clears colour bars and styles images that way: without this,
// the browser reports a violation for each and drops the style. Loaded before plotly.js.
(function () {
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return;
    }
    return setAttribute.apply(this, arguments);
  };
})();

// Shared behaviour of every page. htmx swaps 400 (form errors) and 409 (edit conflict)
// answers too: they carry the message the user must see.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 400 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// 401: the session ended (inactivity timeout) while the page was open, so the change was not
// saved. Say so once, at the top of the page, and leave the page (and the typed text) alone.
document.addEventListener("htmx:responseError", function (event) {
  if (event.detail.xhr.status !== 401 || document.getElementById("signed-out-alert")) {
    return;
  }
  var alert = document.createElement("div");
  alert.id = "signed-out-alert";
  alert.className = "alert alert-warning";
  alert.setAttribute("role", "alert");
  alert.textContent = document.body.dataset.signedOut + " ";
  var link = document.createElement("a");
  link.href = document.body.dataset.signInUrl;
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = document.body.dataset.signInLabel;
  alert.appendChild(link);
  var main = document.getElementById("main");
  main.insertBefore(alert, main.firstChild);
});
