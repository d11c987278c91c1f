"""How the OpenAPI schema describes signing in with a personal API token (loaded by
ApiConfig.ready, as drf-spectacular's extensions must be)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal API token, made on the site's *API tokens* page (it is shown once), "
                "sent as `Authorization: Token <key>`. It reads what its owner's account may "
                "read, until it expires or is revoked."
            ),
        }
