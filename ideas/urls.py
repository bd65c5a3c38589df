from django.urls import path

from ideas import staff_views, views

app_name = "ideas"

urlpatterns = [
    path("ideas/<int:pk>/vote/", views.vote, name="idea-vote"),
    path("ideas/<int:pk>/unvote/", views.unvote, name="idea-unvote"),
    path("ideas/<int:pk>/follow/", views.follow, name="idea-follow"),
    path("ideas/<int:pk>/unfollow/", views.unfollow, name="idea-unfollow"),
    path("ideas/<int:pk>/comment/", views.comment, name="idea-comment"),
    path("ideas/<int:pk>/report/", views.report, name="idea-report"),
    path("ideas/<int:pk>/edit/", views.edit, name="idea-edit"),
    path("ideas/<int:pk>/withdraw/", views.withdraw, name="idea-withdraw"),
    path("ideas/<int:pk>/hide/", staff_views.hide, name="idea-hide"),
    path("ideas/<int:pk>/restore/", staff_views.restore, name="idea-restore"),
    path("comments/<int:pk>/hide/", staff_views.comment_hide, name="comment-hide"),
    path("comments/<int:pk>/restore/", staff_views.comment_restore, name="comment-restore"),
    path("staff/ideas/new/", staff_views.staff_entry, name="idea-staff-entry"),
    path("staff/selected/", staff_views.staff_selected, name="idea-selected"),
]
