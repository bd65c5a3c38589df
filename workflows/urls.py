"""The workflow's staff pages. Mounted at the site root: the inbox and the task pages keep
their /review/ addresses (bookmarked, and linked from notifications), the process
diagrams live under /workflows/."""

from django.urls import path

from workflows import diagrams, views

app_name = "workflows"

urlpatterns = [
    path("review/", views.inbox, name="inbox"),
    path("review/overview/", views.overview, name="overview"),
    path("review/tasks/<int:pk>/", views.task_detail, name="task"),
    path("review/tasks/<int:pk>/claim/", views.task_claim, name="task-claim"),
    path("review/tasks/<int:pk>/release/", views.task_release, name="task-release"),
    path("review/tasks/<int:pk>/recuse/", views.task_recuse, name="task-recuse"),
    path("workflows/", diagrams.flow_detail, name="flow-detail"),
    path("workflows/processes/<int:pk>/", diagrams.process_detail, name="process-detail"),
    path("workflows/processes/<int:pk>/chart.svg", diagrams.process_chart, name="process-chart"),
]
