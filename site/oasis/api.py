"""The versioned JSON API, /api/v1/ (django-ninja). Routers live in their apps' api.py."""

from ninja import NinjaAPI

api = NinjaAPI(title="Oasis API", version="1", urls_namespace="api-v1")
