from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        # The campaign page's routes serve ideas through ideas.views, which imports the models:
        # binding the module here keeps models.py free of a (hidden) import of its views.
        from ideas import views
        from ideas.models import CampaignPage

        CampaignPage.views = views
