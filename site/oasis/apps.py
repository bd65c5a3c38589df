from django.apps import AppConfig


class OasisConfig(AppConfig):
    name = "oasis"
    verbose_name = "Oasis site"

    def ready(self) -> None:
        from oasis import checks  # noqa: F401  (registers the system checks)
