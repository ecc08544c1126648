"""Project wiring. Every knob comes from the environment (see the README's configuration table).

SENIM_ENV selects the mode:
- ``development`` (default): local work; missing secrets are generated once into ``var/``.
- ``demo``: like development, plus demo accounts may log in (``make demo``).
- ``production``: secrets must be given in the environment, HTTPS-only cookies, HSTS.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SENIM_VAR_DIR", Path.cwd() / "var")).resolve()

SENIM_ENV = os.environ.get("SENIM_ENV", "development")
if SENIM_ENV not in {"development", "demo", "production"}:
    raise ImproperlyConfigured(
        f"SENIM_ENV must be development, demo or production, not {SENIM_ENV!r}."
    )
PRODUCTION = SENIM_ENV == "production"
DEMO = SENIM_ENV == "demo"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret(name: str, *, min_length: int = 50) -> str:
    """A secret from the environment; outside production, one generated once under var/.

    Production refuses to start without it: a generated key would silently change on every
    host and invalidate sessions, receipt codes and the vault.
    """
    value = os.environ.get(name, "")
    if value:
        if PRODUCTION and len(value) < min_length:
            raise ImproperlyConfigured(f"{name} must be at least {min_length} characters long.")
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(
            f"{name} is not set. Senim refuses to start in production without it: "
            f"generate one with `python3 -c 'import secrets; print(secrets.token_urlsafe(64))'` "
            f"and put it in the environment."
        )
    path = VAR_DIR / "secrets" / name.lower()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret("SECRET_KEY")
DEBUG = _env_bool("SENIM_DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "SENIM_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]"
    ).split(",")
    if h.strip()
]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SENIM_ALLOWED_HOSTS is not set (comma-separated host names).")

INSTALLED_APPS = [
    "senim.core",
    "senim.accounts",
    "senim.organization",
    "senim.intake",
    "senim.cases",
    "senim.prevention",
    "senim.analytics",
    "senim.portal",
    "senim.office",
    "senim.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "senim.core.middleware.content_security_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "senim.core.middleware.session_idle_refresh",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "senim.urls"
WSGI_APPLICATION = "senim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "senim.core.context_processors.senim",
                "senim.office.context.navigation",
            ],
        },
    }
]

# Database: embedded SQLite under var/ unless DATABASE_URL says otherwise.
_default_db = f"sqlite:///{VAR_DIR / 'senim.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue up behind
        # the timeout instead of failing with "database is locked" halfway through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-senim.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers for the application's queries unless configured: a page is one of
    # many requests at once, and on a small server a query's two extra workers cost more to
    # start (tens of milliseconds) than they save, while competing with the other requests.
    _parallel = int(os.environ.get("SENIM_PG_PARALLEL_WORKERS", "0"))
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c max_parallel_workers_per_gather={_parallel}".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["senim.accounts.backends.StaffBackend"]
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "office:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sessions: the cookie is the office's own; an idle session expires.
SESSION_COOKIE_NAME = "senim_office"
SESSION_COOKIE_AGE = int(os.environ.get("SENIM_SESSION_IDLE_MINUTES", "30")) * 60
# Not every request: senim.core.middleware.session_idle_refresh moves the expiry once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("SENIM_LOGIN_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("SENIM_LOGIN_WINDOW_SECONDS", "900"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "senim_cache",
    }
}
if os.environ.get("SENIM_CACHE_URL", "").startswith("redis://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["SENIM_CACHE_URL"],
    }

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SENIM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Languages: Kazakh (the state language) first, Russian, English.
LANGUAGE_CODE = os.environ.get("SENIM_DEFAULT_LANGUAGE", "kk")
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Kazakh dates and numbers (Django ships formats for ru and en, none for kk).
FORMAT_MODULE_PATH = ["senim.formats"]
LANGUAGE_COOKIE_SAMESITE = "Strict"
USE_I18N = True
TIME_ZONE = os.environ.get("SENIM_TIME_ZONE", "Asia/Almaty")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

# Security headers. X-Frame-Options and CSP both forbid framing.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": nothing leaks to other sites, while browsers still send the Origin that
# CSRF checks need (with "no-referrer" Chromium sends "Origin: null" and forms fail).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind one TLS-terminating reverse proxy, which sets X-Forwarded-Proto and appends the
# client's address to X-Forwarded-For (read by the portal's throttle).
SENIM_BEHIND_PROXY = _env_bool("SENIM_BEHIND_PROXY", False)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SENIM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SENIM_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("SENIM_HSTS_PRELOAD", False)
    if SENIM_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("SENIM_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way decision for the operator, not for us.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

EMAIL_BACKEND = os.environ.get(
    "SENIM_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("SENIM_FROM_EMAIL", "senim@localhost")

# Logs never carry a reporter's IP address: Django's request logging is limited to errors
# without request details and the production server writes no access log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SENIM_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Domain settings. Values marked unverified in DOMAIN.md are settings, not constants.
SENIM_DEMO_PASSWORD = os.environ.get("SENIM_DEMO_PASSWORD", "senim-demo")
SENIM_PUBLIC_URL = os.environ.get("SENIM_PUBLIC_URL", "http://127.0.0.1:8000")

# Identity vault: reporters' identities and every attachment are sealed with libsodium to the
# public key derived from this secret. Losing it loses the vault: back it up apart from the DB.
SENIM_VAULT_KEY = _secret("SENIM_VAULT_KEY")
# Receipt codes are looked up by a memory-hard KDF of the code keyed with this pepper, which
# never sits in the database: a stolen database alone does not let anyone test codes.
SENIM_RECEIPT_PEPPER = _secret("SENIM_RECEIPT_PEPPER")
SENIM_RECEIPT_KDF_OPSLIMIT = int(os.environ.get("SENIM_RECEIPT_KDF_OPSLIMIT", "2"))
SENIM_RECEIPT_KDF_MEMLIMIT = int(
    os.environ.get("SENIM_RECEIPT_KDF_MEMLIMIT", str(16 * 1024 * 1024))
)
SENIM_FOLLOW_UP_ATTEMPTS = int(os.environ.get("SENIM_FOLLOW_UP_ATTEMPTS", "10"))
SENIM_FOLLOW_UP_WINDOW_SECONDS = int(os.environ.get("SENIM_FOLLOW_UP_WINDOW_SECONDS", "900"))
SENIM_FOLLOW_UP_MINUTES = int(os.environ.get("SENIM_FOLLOW_UP_MINUTES", "20"))
# Reception bookings one client (by its hourly-keyed address) may make in the window above.
SENIM_RECEPTION_BOOKINGS_PER_CLIENT = int(
    os.environ.get("SENIM_RECEPTION_BOOKINGS_PER_CLIENT", "5")
)

# Attachments: checked by content, stripped of metadata, sealed in storage.
SENIM_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("SENIM_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)
SENIM_ATTACHMENT_MAX_COUNT = int(os.environ.get("SENIM_ATTACHMENT_MAX_COUNT", "5"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Anonymous appeals: "kz" (Kazakhstan: not considered unless they report an offence, which is
# redirected at once) or "iso" (ISO 37002 / EU 2019/1937: diligent anonymous follow-up).
SENIM_ANONYMOUS_POLICY = os.environ.get("SENIM_ANONYMOUS_POLICY", "kz")
if SENIM_ANONYMOUS_POLICY not in {"kz", "iso"}:
    raise ImproperlyConfigured("SENIM_ANONYMOUS_POLICY must be kz or iso.")
# Statutory consideration period in working days (Administrative Procedural Code).
SENIM_CONSIDERATION_DAYS = int(os.environ.get("SENIM_CONSIDERATION_DAYS", "15"))
# The international timers beside the statutory deadline (senim.cases.timers): acknowledge in
# 7 days, feedback to the reporter within 3 months of the acknowledgement.
SENIM_INTERNATIONAL_TIMERS = _env_bool("SENIM_INTERNATIONAL_TIMERS", False)
SENIM_SMS_BACKEND = os.environ.get("SENIM_SMS_BACKEND", "senim.core.sms.ConsoleBackend")
