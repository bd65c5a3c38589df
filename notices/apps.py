from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Subscribe to the domain signals of ideas/ and review/ (they never import notices).
        from notices import receivers  # noqa: F401
