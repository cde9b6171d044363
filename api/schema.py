"""How the OpenAPI schema describes the token authentication (a bearer key)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Khóa API của tài khoản cán bộ đơn vị (trang “Khóa API” của cổng): "
                "`Authorization: Bearer tdkt_…`."
            ),
        }
