from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from oasis import views as site_views
from oasis.api import api

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("accounts/signup/", site_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("review/", include("review.urls")),
    path("workflows/", include("workflows.urls")),
    path("", include("ideas.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving goes last: it catches every remaining URL.
urlpatterns += [path("", include(wagtail_urls))]
