from django.urls import path

from review import views

app_name = "review"

# The staff inbox, overview and task pages (/review/, /review/tasks/…) belong to the
# workflow: see workflows/urls.py.
urlpatterns = [
    path("ideas/<int:pk>/reviews/", views.idea_reviews, name="idea-reviews"),
    path("ideas/<int:pk>/implementation/", views.implementation_update, name="implementation-update"),
    path("ideas/<int:pk>/rate/", views.answer_rate, name="answer-rate"),
    path("ideas/<int:pk>/additional-answer/", views.answer_request, name="answer-request"),
]
