from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from review.public import stage_source_register
        from workflows import receivers  # noqa: F401  (connects the @receiver functions)
        from workflows.selectors import idea_review_stage

        # review.public shows the stage of a review without importing the workflow.
        stage_source_register(idea_review_stage)
