from django.apps import AppConfig


class OasisConfig(AppConfig):
    name = "oasis"
    verbose_name = "Oasis site"
