from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("overview/", views.overview, name="overview"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/claim/", views.task_claim, name="task-claim"),
    path("tasks/<int:pk>/release/", views.task_release, name="task-release"),
    path("tasks/<int:pk>/recuse/", views.task_recuse, name="task-recuse"),
    path("ideas/<int:pk>/reviews/", views.idea_reviews, name="idea-reviews"),
    path("ideas/<int:pk>/implementation/", views.implementation_update, name="implementation-update"),
    path("ideas/<int:pk>/rate/", views.answer_rate, name="answer-rate"),
    path("ideas/<int:pk>/additional-answer/", views.answer_request, name="answer-request"),
]
