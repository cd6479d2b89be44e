"""Settings shared by every environment.

Every value that differs between deployments comes from an environment variable (read with
django-environ, optionally from a `.env` file in the project root). `.env.example` lists them
all with their meaning and default.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Links in emails (digests, data exports). Without SITE_URL: the dev server of `make run
# PORT=…`, which passes the port on as PORTAL_PORT.
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env('PORTAL_PORT', default='8000')}").rstrip(
    "/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    "import_export",
    "django_celery_beat",
    "members",
    "legal",
    "projects",
    "workshops",
    "ozg",
    "landscape",
    "digests",
    "knowledge",
    "search",
    "discussions",
    "notifications",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.sitemaps",
    "public_site",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "members.middleware.PreferredLanguageMiddleware",
    "members.middleware.StaffMfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "public_site.middleware.NoIndexMiddleware",
]

ROOT_URLCONF = "lippe_ikz.urls"
WSGI_APPLICATION = "lippe_ikz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lippe_ikz.context_processors.portal",
                "notifications.context_processors.unread_notifications",
            ],
            "libraries": {"portal": "lippe_ikz.templatetags.portal"},
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded default: SQLite under var/. Production: DATABASE_URL=postgres://… (psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers do not block the writer (web requests and Celery workers share the file),
    # and with synchronous=NORMAL a commit is a write to the log without an fsync (the last
    # commits may be lost on a power cut, never on a crash of the process; the file stays
    # consistent). IMMEDIATE transactions take the write lock at BEGIN, so that two processes
    # writing at once wait for each other (busy timeout) instead of failing with "database is
    # locked" on the upgrade from a read lock. In-memory test databases ignore journal_mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login rate limits live here) ----------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ikz",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication (django-allauth) --------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_FORMS = {"reset_password_from_key": "members.forms.ResetPasswordKeyForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IKZ-Portal Lippe] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that they are visible and reviewed.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
    # The public accessibility feedback form (legal app) shares allauth's rate limiter.
    "accessibility_feedback": "5/10m/ip",
    # The public request form for a talk or visit (knowledge app).
    "talk_request": "5/10m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IKZ-Portal Lippe"
# When true, staff users must set up TOTP before they can use the portal or the admin.
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=False)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# English keeps Django's formats except for the 24-hour clock (lippe_ikz/formats/en).
FORMAT_MODULE_PATH = ["lippe_ikz.formats"]
LANGUAGE_COOKIE_NAME = "ikz_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads are private: MEDIA_ROOT is never served directly; views check membership and
# stream the file. There is deliberately no MEDIA_URL route.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/_private_media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="IKZ-Portal Lippe <portal@example.org>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Portal-Administration", a) for a in env.list("ADMIN_EMAILS", default=[])]

# --- Celery ---------------------------------------------------------------------------------
# With REDIS_URL the worker and beat (make run, make worker, make beat) use Redis. Without it
# they use the embedded broker: kombu's SQLAlchemy transport on a SQLite file under var/, so
# that `make run` runs web, worker and beat with no server at all. Tasks are never run
# eagerly outside the tests (settings/test.py): the weekly digest needs a real beat + worker.
CELERY_EMBEDDED_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or CELERY_EMBEDDED_BROKER_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The SQLAlchemy transport passes its options to create_engine(): wait for SQLite's
# write lock instead of failing when web, worker and beat write at once.
CELERY_EMBEDDED_BROKER_TRANSPORT_OPTIONS = {"connect_args": {"timeout": 30}}
if CELERY_BROKER_URL.startswith("sqla+"):
    CELERY_BROKER_TRANSPORT_OPTIONS = CELERY_EMBEDDED_BROKER_TRANSPORT_OPTIONS
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # KERN UX draws its icons as data: SVG URLs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Portal ---------------------------------------------------------------------------------
PORTAL_NAME = "IKZ-Portal Lippe"
# An OZG status below the top Reifegrad not changed for this many days is due for a check
# (the dashboard's "To do" lists it for the Kommune's people).
OZG_STATUS_STALE_DAYS = env.int("OZG_STATUS_STALE_DAYS", default=180)
# Where feedback on accessibility (BITVNRW § 5) goes, besides ADMINS.
ACCESSIBILITY_FEEDBACK_EMAIL = env("ACCESSIBILITY_FEEDBACK_EMAIL", default="")
# Contact shown in the Impressum (§ 5 DDG: quick electronic contact) and named by the
# Datenschutzerklärung. The defaults are the Kreis Lippe's general switchboard and mailbox;
# the operator sets the portal administration's own address and phone.
LEGAL_CONTACT_NAME = env("LEGAL_CONTACT_NAME", default="Portal-Administration, Kreis Lippe")
LEGAL_CONTACT_EMAIL = env("LEGAL_CONTACT_EMAIL", default="info@kreis-lippe.de")
LEGAL_CONTACT_PHONE = env("LEGAL_CONTACT_PHONE", default="05231 62-0")
# The authority's data protection officer (Art. 37 DSGVO), named in the Impressum.
LEGAL_DPO_NAME = env(
    "LEGAL_DPO_NAME", default="Behördliche Datenschutzbeauftragte des Kreises Lippe"
)
LEGAL_DPO_EMAIL = env("LEGAL_DPO_EMAIL", default="datenschutz@kreis-lippe.de")
LEGAL_DPO_PHONE = env("LEGAL_DPO_PHONE", default="05231 62-0")

# --- Public pages, open data and API (app public) -------------------------------------------
# Licence of the open data: "dl-de/by-2-0" (Datenlizenz Deutschland – Namensnennung 2.0) or
# "cc-by/4.0" (Creative Commons Namensnennung 4.0).
OPEN_DATA_LICENSE = env.str("OPEN_DATA_LICENSE", default="dl-de/by-2-0")
if OPEN_DATA_LICENSE not in {"dl-de/by-2-0", "cc-by/4.0"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("OPEN_DATA_LICENSE must be dl-de/by-2-0 or cc-by/4.0")
# Anonymous requests per address: public pages (django-ratelimit) and the API (DRF throttle).
PUBLIC_RATE_LIMIT = env.str("PUBLIC_RATE_LIMIT", default="120/m")
API_ANON_RATE = env.str("API_ANON_RATE", default="120/min")
API_USER_RATE = env.str("API_USER_RATE", default="1200/min")
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
# Discussions: how long an author may edit a post, its longest text, posts per person and
# period (django-ratelimit), and when an unanswered question is listed for the answering Kommune.
DISCUSSIONS_EDIT_WINDOW_MINUTES = env.int("DISCUSSIONS_EDIT_WINDOW_MINUTES", default=15)
DISCUSSIONS_MAX_LENGTH = env.int("DISCUSSIONS_MAX_LENGTH", default=10000)
DISCUSSIONS_POST_RATE = env.str("DISCUSSIONS_POST_RATE", default="20/10m")
DISCUSSIONS_OPEN_QUESTION_DAYS = 7
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "public_site.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0) or None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IKZ-Portal Lippe – API",
    "DESCRIPTION": (
        "Lesender Zugriff auf die Kommunen des Kreises Lippe, die OZG-Leistungen und die "
        "freigegebenen Umsetzungsstände. Ohne Anmeldung: nur freigegebene Daten. Mit einem "
        "persönlichen Token (Profilseite, nur Mitglieder): auch nicht freigegebene Stände."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Deep links put an <a> inside each operation's toggle button (axe: nested-interactive);
    # the schema models section adds little for readers and has unlabelled toggles.
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,
        "defaultModelsExpandDepth": -1,
        "displayOperationId": False,
    },
}
# --- Privacy (DSGVO): data export and retention periods in days ------------------------------
# The beat task privacy.apply_retention deletes older rows daily; the Datenschutzerklärung
# (legal app) states these defaults.
DATA_EXPORT_VALID_DAYS = env.int("DATA_EXPORT_VALID_DAYS", default=7)
RETENTION_DIGEST_LOG_DAYS = env.int("RETENTION_DIGEST_LOG_DAYS", default=180)
RETENTION_FEEDBACK_DAYS = env.int("RETENTION_FEEDBACK_DAYS", default=365)
# Read notifications and the activity log of "Neu seit Ihrem letzten Besuch".
RETENTION_NOTIFICATIONS_DAYS = env.int("RETENTION_NOTIFICATIONS_DAYS", default=180)
