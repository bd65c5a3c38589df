from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from oasis import api
from oasis import views as site_views
from oasis.forms import PasswordResetForm

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls()),
    path("accounts/signup/", site_views.signup, name="signup"),
    path("i18n/setlang/", site_views.set_language, name="set_language"),
    # Before Django's own: the reset e-mail is written in the recipient's language.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("search/", include("search.urls")),
    path("notifications/", include("notices.urls")),
    path("review/", include("review.urls")),
    path("", include("workflows.urls")),  # /review/ inbox and task pages, /workflows/ diagrams
    path("", include("ideas.urls")),
]

if settings.SERVE_MEDIA:
    # The embedded default has no web server in front, so Django serves uploads itself
    # (static() is a no-op without DEBUG). At scale the web server or object storage does.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page serving goes last: it catches every remaining URL.
urlpatterns += [path("", include(wagtail_urls))]
