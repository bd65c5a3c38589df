"""The OpenAPI document and the docs page are public and describe every endpoint."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/auth/register": {"post"},
    "/api/v1/auth/token": {"post"},
    "/api/v1/campaigns": {"get"},
    "/api/v1/ideas": {"get", "post"},
    "/api/v1/ideas/{idea_id}": {"get"},
    "/api/v1/ideas/{idea_id}/vote": {"post", "delete"},
    "/api/v1/ideas/{idea_id}/follow": {"post", "delete"},
    "/api/v1/ideas/{idea_id}/comments": {"get", "post"},
    "/api/v1/ideas/{idea_id}/report": {"post"},
    "/api/v1/me/notifications": {"get"},
    "/api/v1/me/notifications/{notification_id}/read": {"post"},
    "/api/v1/me/notifications/read-all": {"post"},
}


def test_visitor_can_read_the_openapi_document():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["version"] == "1"
    assert {path: set(ops) for path, ops in doc["paths"].items()} == ENDPOINTS
    assert doc["components"]["securitySchemes"]["BearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["BearerAuth"]["description"],
    }


def test_openapi_document_marks_writes_as_needing_a_bearer_token():
    doc = Client().get("/api/v1/openapi.json").json()

    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            schemes = {name for requirement in operation.get("security", []) for name in requirement}
            personal = path.startswith("/api/v1/me/")
            if (method == "get" and not personal) or path.startswith("/api/v1/auth/"):
                assert "BearerAuth" not in schemes, (method, path)
            else:
                assert "BearerAuth" in schemes, (method, path)
                assert "401" in operation["responses"], (method, path)


def test_openapi_document_describes_request_and_response_schemas():
    doc = Client().get("/api/v1/openapi.json").json()
    schemas = doc["components"]["schemas"]

    submit = doc["paths"]["/api/v1/ideas"]["post"]
    assert submit["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/IdeaIn")
    assert submit["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/IdeaDetailOut")
    assert submit["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert {"votes", "voted", "timeline", "review", "images"} <= set(schemas["IdeaDetailOut"]["properties"])
    params = {p["name"] for p in doc["paths"]["/api/v1/ideas"]["get"]["parameters"]}
    assert params == {"page", "page_size", "campaign", "status", "tag", "author", "sort", "q", "department", "year"}


def test_visitor_can_open_the_docs_page_without_a_cdn():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "openapi.json" in html
    assert "cdn.jsdelivr.net" not in html  # served from our own static files (closed networks, privacy)
