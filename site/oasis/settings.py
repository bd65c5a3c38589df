"""Oasis settings.

Everything that differs between the embedded default and production is read
from environment variables (see README, "Configuration").
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OASIS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("OASIS_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    # Our apps first: their Korean catalogues win over Wagtail's and Django's for shared msgids.
    "oasis",
    "core",
    "ideas",
    "review",
    "workflows",
    "search",
    "notices",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Pages in English and Korean: editors translate a page field by field (wagtail-localize);
    # its locales admin replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",  # serves the API docs page (/api/v1/docs) with its own static files, no CDN
    "rules.apps.AutodiscoverRulesConfig",
    "viewflow",
    "viewflow.workflow",
    "notifications",
    "django_tasks",
    "django_tasks_db",  # the database task backend + `manage.py db_worker`, for work at scale
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "oasis.urls"
WSGI_APPLICATION = "oasis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our templates/ comes first: viewflow ships its own 404/500/login templates.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oasis.context_processors.site_context",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, anything dj-database-url understands otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))}
    DATABASES["default"]["TEST"] = {"NAME": f"test_oasis_{os.getpid()}"}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Page queries are short OLTP reads; PostgreSQL's JIT costs more than it saves (see bench/README.md).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("OASIS_SQLITE_PATH", str(VAR_DIR / "oasis.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
                # on busy_timeout instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not shared-cache memory: threads in concurrency tests need
            # real separate connections with WAL and busy timeouts.
            # Per process, so parallel test runs on one machine do not collide.
            "TEST": {"NAME": str(VAR_DIR / f"test_oasis_{os.getpid()}.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "oasis.backends.ApiTokenBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]
# One catalogue for the whole project (locale/ko/LC_MESSAGES/django.po); scripts/install builds the .mo.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language is not in the URL: the same address is shareable in both languages. Visitors get
# their browser's language (Accept-Language) until they pick one with the switch (this cookie);
# signed-in people get the one saved on their account (core.middleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: the idea form checks each image itself; these cap the whole request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Oasis <no-reply@oasis.example>")
if os.environ.get("EMAIL_URL"):
    # smtp://user:pass@host:port
    from urllib.parse import urlparse

    _mail = urlparse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = _mail.username or ""
    EMAIL_HOST_PASSWORD = _mail.password or ""
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"

# Background work: immediate in the embedded default (runs right after commit, in-process);
# at scale set OASIS_TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("OASIS_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

WAGTAIL_SITE_NAME = "Oasis"
# Pages exist in one locale per language (rows made by oasis/migrations/0003_locales.py); a
# translation keeps its original's slug, so both share one address. The language is not in the
# URL (see LOCALE_PATHS): Wagtail routes from `site.root_page.localized`, the home page in the
# language the request activated, and HomePage.route falls back to the original's tree for a
# page not (yet) live in that language. Ideas always point to a campaign's original page.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The site's public address: every absolute link (e-mails, the Wagtail admin) starts with it.
# Required when DEBUG is off (system check oasis.E001); scripts/run sets it from PORT.
OASIS_BASE_URL = os.environ.get("OASIS_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = OASIS_BASE_URL or "http://localhost:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Ideas are snippets with their own permission rules; keep the admin quiet about them.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Our own knobs.
OASIS_REVIEW_THRESHOLD = int(os.environ.get("OASIS_REVIEW_THRESHOLD", "10"))
OASIS_MAX_IMAGES_PER_IDEA = 3
OASIS_MAX_IMAGE_BYTES = 2 * 1024 * 1024
OASIS_IDEAS_PER_PAGE = 20
OASIS_TRENDING_DAYS = 7

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The embedded default serves static files and uploads itself (no web server in front).
SERVE_MEDIA = env_bool("OASIS_SERVE_MEDIA", not DATABASE_URL)

# Review workflow
OASIS_MIN_REVIEWERS_PER_PANEL = int(os.environ.get("OASIS_MIN_REVIEWERS_PER_PANEL", "2"))
OASIS_REVIEW_DUE_DAYS = int(os.environ.get("OASIS_REVIEW_DUE_DAYS", "14"))
OASIS_DECISION_DUE_DAYS = int(os.environ.get("OASIS_DECISION_DUE_DAYS", "14"))
# Overdue tasks get at most one reminder per this many hours (manage.py notices_sweep).
OASIS_REMINDER_INTERVAL_HOURS = int(os.environ.get("OASIS_REMINDER_INTERVAL_HOURS", "24"))

# Search
# Elasticsearch when ELASTICSEARCH_URL is set (e.g. http://127.0.0.1:59200, see scripts/elasticsearch),
# otherwise the embedded backend over the database. Index names start with OASIS_SEARCH_INDEX
# (alias "<prefix>-ideas"); use a different prefix per site or test run sharing a cluster.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OASIS_SEARCH_BACKEND = os.environ.get("OASIS_SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "embedded")
OASIS_SEARCH_INDEX = os.environ.get("OASIS_SEARCH_INDEX", "oasis")
# Refresh after each drain: "false" (default, searchable within ~1 s), "true" or "wait_for".
OASIS_SEARCH_REFRESH = {"true": True, "false": False}.get(
    os.environ.get("OASIS_SEARCH_REFRESH", "false"), os.environ.get("OASIS_SEARCH_REFRESH", "false")
)
OASIS_SEARCH_TIMEOUT = float(os.environ.get("OASIS_SEARCH_TIMEOUT", "5"))
OASIS_SEARCH_PER_PAGE = 20
# Vote-count updates drain the search outbox at most this often per process (search.indexing).
OASIS_SEARCH_COALESCE_SECONDS = float(os.environ.get("OASIS_SEARCH_COALESCE_SECONDS", "2"))

# Notifications
# In-app feed rows live in notices.Notification (django-notifications' model, swapped in, with a
# per-(recipient, event) dedup key). Fan-out runs as django-tasks tasks enqueued after commit.
NOTIFICATIONS_NOTIFICATION_MODEL = "notices.Notification"
DJANGO_NOTIFICATIONS_CONFIG = {"USE_JSONFIELD": True, "PAGINATE_BY": 20}
# Absolute links in e-mails (the site's public address, no trailing slash).
OASIS_NOTICES_BASE_URL = WAGTAILADMIN_BASE_URL
OASIS_NOTICES_PER_PAGE = 20
# Rows per bulk insert and e-mails per SMTP connection batch in a fan-out.
OASIS_NOTICES_BATCH_SIZE = int(os.environ.get("OASIS_NOTICES_BATCH_SIZE", "2000"))
OASIS_NOTICES_EMAIL_BATCH_SIZE = int(os.environ.get("OASIS_NOTICES_EMAIL_BATCH_SIZE", "200"))
# A review task "is due soon" this many days before its due date (manage.py notices_sweep).
OASIS_NOTICES_DUE_SOON_DAYS = 2
