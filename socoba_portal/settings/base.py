"""Settings shared by every environment, driven by environment variables.

Secrets never live here: they come from the environment. With debug off and no
``DJANGO_SECRET_KEY`` the process refuses to start.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from socoba_portal.exports import formats as export_formats

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

# The portal's public address, for links in emails and calendars.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # Before the admin: its ready() sets the admin's accessible default widgets.
    "socoba_portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "django_tasks_db",
    "import_export",
    "socoba_portal.accounts",
    "socoba_portal.legal",
    "projects",
    "seminars",
    "students",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Permissions-Policy everywhere; every download private (socoba_portal.http).
    "socoba_portal.middleware.SecurityHeadersMiddleware",
    # %00 anywhere in the request: 400, before any value reaches a query.
    "socoba_portal.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # auditlog's, with the client address from trusted proxies only (socoba_portal.abuse).
    "socoba_portal.middleware.TrustedAddressAuditlogMiddleware",
    "socoba_portal.mfa.RequireMFAMiddleware",
    # The database or the shared cache down while a view runs: 503 "try again", not 500.
    "socoba_portal.middleware.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "socoba_portal.urls"
WSGI_APPLICATION = "socoba_portal.wsgi.application"

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
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL=postgres://… uses psycopg 3. Persistent
# connections double PostgreSQL page throughput on these machines.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the task worker write at once: a transaction takes the write lock when
    # it starts (IMMEDIATE) and waits for it, instead of failing with "database is locked"
    # halfway through; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # Roles held in projects (coordinator, student-data officer, reporter).
    "projects.permissions.ProjectRoleBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: staff sign in with email and password; nobody signs up.
ACCOUNT_ADAPTER = "socoba_portal.accounts.adapter.NoSignupAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
LOGIN_REDIRECT_URL = "/admin/"
# allauth's MFA: TOTP with recovery codes, and WebAuthn security keys / passkeys.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "SOCOBA"
# Who must use MFA: superusers and everyone holding one of these permissions.
MFA_REQUIRED_FOR_PERMISSIONS = ["students.view_student", "seminars.view_registration"]
LOGIN_URL = "account_login"

# Abuse protection (socoba_portal/abuse.py): public forms and sign-in.
# The client address: X-Forwarded-For is read only behind this many proxies of ours
# (allauth reads the same setting); 0 = the direct peer, REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))
# Rates in allauth's syntax: amount/period/per, per "ip" (the address) or "key" (the email).
PUBLIC_FORM_RATE_LIMITS = {
    "seminar_registration": os.environ.get("RATE_LIMIT_SEMINAR_REGISTRATION", "10/1h/ip,3/1h/key"),
    "accessibility_feedback": os.environ.get("RATE_LIMIT_ACCESSIBILITY_FEEDBACK", "5/1h/ip"),
    "registration_cancellation": os.environ.get("RATE_LIMIT_REGISTRATION_CANCELLATION", "10/1h/ip"),
}
# A form sent sooner than this after it was handed out came from a bot (at most 3 s).
PUBLIC_FORM_MIN_FILL_SECONDS = float(os.environ.get("PUBLIC_FORM_MIN_FILL_SECONDS", "3"))
# Sign-in: failures count per account and address, so nobody can lock out someone else
# (socoba_portal/accounts/adapter.py). No per-address limit on every sign-in (allauth's
# "login"): it would refuse a correct password; floods of requests are the proxy's job.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": os.environ.get("RATE_LIMIT_LOGIN_FAILED", "5/5m/key"),
    "login_failed_address": os.environ.get("RATE_LIMIT_LOGIN_FAILED_ADDRESS", "20/5m/ip"),
    "login_failed_flooded": os.environ.get("RATE_LIMIT_LOGIN_FAILED_FLOODED", "1/5m/key"),
}
# The counters live in the shared cache, which every worker sees: Redis when REDIS_URL
# is set, else a database table (`manage.py createcachetable`, run by `make migrate`).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "socoba_cache",
            # A flood must not cull the counters that stop it (Django's default is 300).
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        # Whole public pages (socoba_portal.page_cache), in a table of their own.
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "socoba_page_cache",
            # Every page at --scale 50 in three languages is about 4 000 entries.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
# Sessions in the database (Django's default engine, named here on purpose): every
# worker sees them. A staff session ends after a working day, or when the browser closes.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(9 * 60 * 60)))
ACCOUNT_SESSION_REMEMBER = False

# Languages: Finnish first, then Swedish and English.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Finland-Swedish dates are day.month.year, not Sweden's Y-m-d.
FORMAT_MODULE_PATH = ["socoba_portal.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi",)}

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads (socoba_portal.uploads): every uploaded file is checked by its content within these limits.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MEGABYTES", "25")) * 1024 * 1024
# Pillow refuses larger images at open, before decoding them (a small PNG can unpack to gigabytes).
UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("UPLOAD_MAX_IMAGE_MEGAPIXELS", "40")) * 1_000_000
# Confidential files (exported reports): never served under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail through Django 6.1's MAILERS. SMTP when SMTP_HOST is set, else the console.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "socoba@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["SMTP_HOST"],
                "port": int(os.environ.get("SMTP_PORT", "587")),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_TLS", default=True),
                # A relay that accepts the connection and never answers must not hold the
                # task worker (and every report and mail queued behind it): the send fails
                # after this many seconds and is retried like any other failure.
                "timeout": int(os.environ.get("SMTP_TIMEOUT", "20")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Mail leaves the request (socoba_portal/mail.py): the task worker sends it and, while
# the relay is down, tries again after 4, 8, 16 and 32 minutes (5 attempts in ~1 hour).
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "5"))
MAIL_RETRY_DELAY_SECONDS = int(os.environ.get("MAIL_RETRY_DELAY_SECONDS", "240"))
# A password reset for an unknown address mails nobody: the portal sends no mail to
# addresses a visitor merely typed (and nobody can sign up anyway).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False

# Django's built-in Content Security Policy: no third-party scripts or trackers.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# Hardening: browser features no page uses, denied on every response
# (socoba_portal.middleware.SecurityHeadersMiddleware; {} sends no header). WebAuthn
# (publickey-credentials-*) stays allowed for sign-in with security keys. FLoC's
# "interest-cohort" is gone from browsers, which log the unknown name as a console
# error; "browsing-topics" is its successor.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Background tasks (Django's Tasks framework): reports over REPORT_BACKGROUND_ROWS rows
# are made by the worker, `manage.py db_worker` (started by `make run`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REPORT_BACKGROUND_ROWS = int(os.environ.get("REPORT_BACKGROUND_ROWS", "300"))
# A zip of reports is made while the staff member waits: at most this many PDFs in one, so
# that it stays well inside the server's request timeout (30 s) on this machine's speed.
REPORT_ZIP_MAX_REPORTS = int(os.environ.get("REPORT_ZIP_MAX_REPORTS", "50"))
REPORT_ZIP_MAX_CERTIFICATES = int(os.environ.get("REPORT_ZIP_MAX_CERTIFICATES", "200"))

# django-import-export: an import with any bad row saves nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Exports: CSV and Excel only, through formats that write every value starting with
# = + - @ tab or carriage return as text, never as a formula (socoba_portal.exports.formats
# completes the library's switch below, which alone strips only a leading "=").
IMPORT_EXPORT_FORMATS = export_formats.FORMATS
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Erasure and retention (socoba_portal.erasure; run `manage.py delete_expired_files`,
# `anonymise_registrations` and `anonymise_students --retention-ended` from cron).
# An uploaded import file waits for its confirmation in private storage; one never
# confirmed is deleted after IMPORT_PENDING_HOURS, and any at once when a student is erased.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "socoba_portal.erasure.PrivateImportStorage"
IMPORT_PENDING_HOURS = int(os.environ.get("IMPORT_PENDING_HOURS", "2"))
# Background report files (they may list people) are deleted this many days after they were made.
REPORT_EXPORT_RETENTION_DAYS = int(os.environ.get("REPORT_EXPORT_RETENTION_DAYS", "30"))
# Days after the event's end before its registrations are anonymised.
SEMINAR_RETENTION_DAYS = int(os.environ.get("SEMINAR_RETENTION_DAYS", "365"))
# Days after a student graduated or withdrew before `anonymise_students --retention-ended`
# anonymises them (student data rests on the public task: the university decides the period).
STUDENT_RETENTION_DAYS = int(os.environ.get("STUDENT_RETENTION_DAYS", str(10 * 365)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # WeasyPrint and fontTools narrate every step at INFO.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# Privacy on public pages: counts of people from 1 to PUBLIC_MIN_GROUP - 1 are shown as
# "fewer than 5". The privacy notice prints the retention periods above and this one.
PUBLIC_MIN_GROUP = int(os.environ.get("PUBLIC_MIN_GROUP", "5"))
# How long the hosting keeps the web server's logs; set it to the log rotation you run.
SERVER_LOG_RETENTION_DAYS = int(os.environ.get("SERVER_LOG_RETENTION_DAYS", "90"))

# Error pages: a form refused for a missing or expired CSRF token gets a page that explains.
CSRF_FAILURE_VIEW = "socoba_portal.views.csrf_failure"

# Whole public pages for anonymous visitors (socoba_portal/page_cache.py), in the shared
# cache under their own alias, so that a flood of page variants never culls the rate-limit
# counters. A page is good until anything it may show changes; these bound the rest.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 60 * 60)))
# How long a front proxy (nginx) may keep a page without asking again; 0: never.
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "30"))
# The query parameters public pages read (pages, filters). A request with any other is made
# afresh and not stored: made-up parameters cannot fill the cache (nor the disk under it).
PAGE_CACHE_QUERY_PARAMETERS = {"page", "upcoming_page", "project", "kind", "year"}
# A larger page is served but not stored (the sitemap at scale is one).
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(256 * 1024)))
# Set to the deployed revision; by default worked out from the files' sizes and times.
PAGE_CACHE_RELEASE = os.environ.get("PAGE_CACHE_RELEASE", "")
# Models no public page shows: their changes leave stored pages as they are. Any other
# model's save, delete or many-to-many change makes every stored page out of date.
PAGE_CACHE_IGNORED_MODELS = [
    "sessions",
    "admin",
    "auditlog",
    "contenttypes",
    "auth",
    "accounts",
    "account",
    "mfa",
    "django_tasks_database",
    "socoba_portal.reportexport",
    "projects.membership",
]
