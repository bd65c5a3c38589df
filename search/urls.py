from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="idea-search"),
    path("suggest", views.suggest, name="idea-suggest"),
    path("similar", views.similar, name="idea-similar"),
]
