// Shared behaviour of every page. htmx swaps 400 (form errors) and 409 (edit conflict)
// answers too: they carry the message the user must see.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 400 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
