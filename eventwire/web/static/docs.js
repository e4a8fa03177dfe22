// Starts Swagger UI on /openapi.json. A file of its own, not an inline <script>: the app's CSP
// (script-src 'self') forbids inline script, which is why FastAPI's default /docs page stays blank.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  // A server started with --token wants it on every request, /openapi.json included.
  const token = new URLSearchParams(location.search).get("token");
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json" + (token ? "?token=" + encodeURIComponent(token) : ""),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: (request) => {
      if (token) request.headers.Authorization = "Bearer " + token;
      return request;
    },
  });
});
