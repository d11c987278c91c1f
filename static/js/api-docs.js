// The API documentation page: Swagger UI (drf-spectacular-sidecar's copy, from our static
// files) draws every endpoint from the OpenAPI schema. "Try it out" sends the session cookie
// and the CSRF token is not needed: the API is read-only (GET).
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("swagger-ui");
    if (!element || !window.SwaggerUIBundle) {
      return;
    }
    window.SwaggerUIBundle({
      url: element.dataset.schemaUrl,
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      deepLinking: false,
      persistAuthorization: false,
    });
  });
})();
