from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        # Subscribe to the domain signals of the apps below (they never import search).
        from search import receivers  # noqa: F401
