// Filling page: show "Saving…" while a form's autosave is in flight; warn when offline.
(function () {
  function statusFor(form) {
    return document.getElementById("save-status-" + form.dataset.response);
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest(".response-form");
    if (form && statusFor(form)) {
      statusFor(form).innerHTML = '<span class="text-muted">' + document.body.dataset.saving + "</span>";
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest(".response-form");
    if (form && statusFor(form)) {
      statusFor(form).innerHTML = '<span class="text-danger">' + document.body.dataset.offline + "</span>";
    }
  });
})();
