"""Project wiring. Every knob comes from the environment (see the README's configuration table).

SENIM_ENV selects the mode:
- ``development`` (default): local work; missing secrets are generated once into ``var/``.
- ``demo``: like development, plus demo accounts may log in (``make demo``).
- ``production``: secrets must be given in the environment, HTTPS-only cookies, HSTS.

Every variable is read through `senim.core.env` (one typed reader per kind of value): a bad
value stops Senim with a message naming the variable, not a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from senim.core.env import (
    env_bool,
    env_choice,
    env_database,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
    env_time_zone,
)
from senim.core.object_storage import storage_from_url
from senim.intake.anonymity import AnonymousPolicy

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("SENIM_VAR_DIR", str(Path.cwd() / "var"))).resolve()

SENIM_ENV = env_choice("SENIM_ENV", "development", ("development", "demo", "production"))
PRODUCTION = SENIM_ENV == "production"
DEMO = SENIM_ENV == "demo"


def _secret(name: str) -> str:
    """Required in production; outside it, generated once under var/secrets/."""
    return env_secret(name, required=PRODUCTION, generated_under=VAR_DIR / "secrets")


SECRET_KEY = _secret("SECRET_KEY")
DEBUG = env_bool("SENIM_DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = env_list(
    "SENIM_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SENIM_ALLOWED_HOSTS is not set (comma-separated host names).")

INSTALLED_APPS = [
    "senim.core",
    "senim.accounts",
    "senim.organization",
    "senim.intake",
    "senim.cases",
    "senim.webhooks",
    "senim.prevention",
    "senim.analytics",
    "senim.triage",
    "senim.integrations",
    "senim.portal",
    "senim.office",
    "senim.api",
    "ninja",  # its templates and static files: the API docs page without a CDN
    "senim.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    # Staff sign-in: the second factor (TOTP, WebAuthn, recovery codes), single sign-on through
    # OpenID Connect and the list of one's sessions. After Senim's apps, so that Senim's own
    # templates for their pages win.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "senim.core.middleware.content_security_policy",
    # Before anything reads the body: an oversized one is refused unread (413).
    "senim.core.middleware.request_size_limit",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "senim.core.middleware.session_idle_refresh",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "senim.office.session_activity.session_activity",
    # After authentication: a member of staff who must have a second factor and has none can
    # reach nothing but its enrolment.
    "senim.office.second_factor.enrolment_required",
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
    "default": env_database("DATABASE_URL", _default_db, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue up behind
        # the timeout instead of failing with "database is locked" halfway through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # secure_delete: what is deleted or overwritten is zeroed in the file, so that a copy
        # of it taken afterwards holds no disposed case's words (senim.cases.retention).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA secure_delete=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-senim.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers for the application's queries unless configured: a page is one of
    # many requests at once, and on a small server a query's two extra workers cost more to
    # start (tens of milliseconds) than they save, while competing with the other requests.
    # No JIT compilation either: the planner's cost of a query with the visibility rule's
    # subquery runs into millions at a million cases however few rows it touches, and
    # PostgreSQL then spent 465 ms compiling the case page's related reports, a query that
    # ran in 0.05 ms (the case page took 1.4 s at a million cases).
    _parallel = env_int("SENIM_PG_PARALLEL_WORKERS", 0, minimum=0)
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c max_parallel_workers_per_gather={_parallel} -c jit=off"
    ).strip()
# A streaming replica for the analytics pages and exports (senim.core.replica); the tests run
# it as a mirror of the test database.
if env_str("SENIM_REPLICA_URL", ""):
    DATABASES["replica"] = env_database(
        "SENIM_REPLICA_URL", "", conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["senim.core.replica.ReplicaRouter"]
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
SESSION_COOKIE_AGE = env_int("SENIM_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# Not every request: senim.core.middleware.session_idle_refresh moves the expiry once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
# --- Staff sign-in (django-allauth: its login stages, second factor, OpenID Connect) ----------
# The office's own login form stays the entrance (senim.office.views.StaffLoginView); allauth
# takes over after the password: the second factor, then the session. Nobody signs up.
ACCOUNT_ADAPTER = "senim.office.signin.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
# One throttle for passwords and codes: senim.accounts.throttle (no address kept).
ACCOUNT_RATE_LIMITS: bool = False
MFA_ADAPTER = "senim.office.signin.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor here, never the only one
MFA_TOTP_ISSUER = "Senim"
# A code of the previous or next 30-second step is accepted too (RFC 6238's one step of drift):
# a phone's clock drifts and a code typed at the end of its step arrives in the next. Each code
# is still accepted once only (allauth remembers the used ones for a step).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
MFA_FORMS = {
    "authenticate": "senim.office.second_factor_forms.SecondFactorForm",
    "reauthenticate": "senim.office.second_factor_forms.StepUpForm",
    "activate_totp": "senim.office.second_factor_forms.ActivateTOTPForm",
}
# WebAuthn needs a secure origin; a plain-HTTP origin is allowed only off production (the demo
# and the tests on 127.0.0.1).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
# The roles that can read an identity, approve a reveal, administer staff or read the audit
# log always need a second factor (senim.organization.policy.second_factor_required); these
# roles too, by name. Off in development only, so that the test suite's staff log in plainly
# unless a test asks for it; demo accounts are exempt in demo mode.
SENIM_MFA_ENFORCED = env_bool("SENIM_MFA_ENFORCED", SENIM_ENV != "development")
SENIM_MFA_EXTRA_ROLES = env_list("SENIM_MFA_EXTRA_ROLES")
# Identity reveals, staff administration and exports ask again for the second factor when the
# last one is older than this (step-up).
SENIM_STEP_UP_MINUTES = env_int("SENIM_STEP_UP_MINUTES", 10, minimum=1)
ACCOUNT_REAUTHENTICATION_TIMEOUT = SENIM_STEP_UP_MINUTES * 60

# Identity reveals: a request with a reason, approved or refused by a custodian of identities
# (never the requester); an approval lets its requester read that case's identity for a while.
# Off (development only, by default): the direct reveal with a stated, audited reason.
SENIM_REVEAL_APPROVAL = env_bool("SENIM_REVEAL_APPROVAL", SENIM_ENV != "development")
SENIM_REVEAL_VALID_MINUTES = env_int("SENIM_REVEAL_VALID_MINUTES", 60, minimum=1)
SENIM_REVEAL_ESCALATE_HOURS = env_float("SENIM_REVEAL_ESCALATE_HOURS", 24.0, minimum=0.0)
# The reporter's follow-up says when their identity was read and for what stated reason.
SENIM_REVEAL_TELL_REPORTER = env_bool("SENIM_REVEAL_TELL_REPORTER", True)

# Single sign-on with the institution's OpenID Connect provider: on when an issuer is set.
# Staff are matched to their Senim account by SENIM_OIDC_MATCH_CLAIM (an administrator records
# each person's value); the provider never creates an account nor gives a role.
SENIM_OIDC_ISSUER = env_str("SENIM_OIDC_ISSUER", "").rstrip("/")
SENIM_OIDC_CLIENT_ID = env_str("SENIM_OIDC_CLIENT_ID", "")
SENIM_OIDC_CLIENT_SECRET = env_str("SENIM_OIDC_CLIENT_SECRET", "")
SENIM_OIDC_NAME = env_str("SENIM_OIDC_NAME", "")
SENIM_OIDC_MATCH_CLAIM = env_str("SENIM_OIDC_MATCH_CLAIM", "sub")
# Values of the ID token's `amr` that mean the provider checked a second factor itself.
SENIM_OIDC_MFA_AMR = env_list("SENIM_OIDC_MFA_AMR", ["mfa", "otp", "hwk", "swk", "sc"])
# Or values of its `acr` (authentication context class) that mean the same.
SENIM_OIDC_MFA_ACR = env_list(
    "SENIM_OIDC_MFA_ACR", ["mfa", "http://schemas.openid.net/pape/policies/2007/06/multi-factor"]
)
# Staff linked to the provider may not use a password when this is off.
SENIM_SSO_PASSWORD_LOGIN = env_bool("SENIM_SSO_PASSWORD_LOGIN", True)
SOCIALACCOUNT_ADAPTER = "senim.office.signin.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {}
if SENIM_OIDC_ISSUER:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "institution",
                "name": SENIM_OIDC_NAME or "SSO",
                "client_id": SENIM_OIDC_CLIENT_ID,
                "secret": SENIM_OIDC_CLIENT_SECRET,
                "settings": {"server_url": SENIM_OIDC_ISSUER},
            }
        ],
    }
    # The provider sends the browser back from its own site: a Strict cookie would not come
    # with it, and the sign-in's state would be lost.
    SESSION_COOKIE_SAMESITE = "Lax"
# Last use is recorded by senim.office.session_activity, once a minute per session.
USERSESSIONS_TRACK_ACTIVITY = False

# Wrong passwords per username *and* client (senim.accounts.throttle), and per client across
# usernames: nobody elsewhere can lock a chief out, and one client cannot try every username.
# The client ceiling is high because a courthouse's staff share one address.
LOGIN_THROTTLE_ATTEMPTS = env_int("SENIM_LOGIN_ATTEMPTS", 5, minimum=1)
LOGIN_THROTTLE_WINDOW = env_int("SENIM_LOGIN_WINDOW_SECONDS", 900, minimum=1)
LOGIN_THROTTLE_CLIENT_ATTEMPTS = env_int("SENIM_LOGIN_CLIENT_ATTEMPTS", 20, minimum=1)

CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "senim_cache",
        # Past MAX_ENTRIES the database cache deletes a third of its entries, throttle counts
        # included (Django's default is 300: 300 addresses guessing codes would wipe them).
        # Each entry costs the client a KDF, a password hash or a registration, so this is
        # more than two cores can produce in a throttle window.
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
}
_cache_url = env_str("SENIM_CACHE_URL", "")
if _cache_url.startswith("redis://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_url,
    }

TASKS = {
    "default": {
        "BACKEND": env_str("SENIM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Languages: Kazakh (the state language) first, Russian, English.
LANGUAGE_CODE = env_choice("SENIM_DEFAULT_LANGUAGE", "kk", ("kk", "ru", "en"))
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Kazakh dates and numbers (Django ships formats for ru and en, none for kk).
FORMAT_MODULE_PATH = ["senim.formats"]
LANGUAGE_COOKIE_SAMESITE = "Strict"
USE_I18N = True
TIME_ZONE = env_time_zone("SENIM_TIME_ZONE", "Asia/Almaty")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    # Evidence, recordings and generated files: the file system, or an object store that
    # several hosts share (senim.core.object_storage; files are sealed before they leave).
    "default": storage_from_url(env_str("SENIM_STORAGE_URL", "")),
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
SENIM_BEHIND_PROXY = env_bool("SENIM_BEHIND_PROXY", False)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SENIM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SENIM_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SENIM_HSTS_PRELOAD", False)
    if SENIM_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("SENIM_CSRF_TRUSTED_ORIGINS")
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way decision for the operator, not for us.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

EMAIL_BACKEND = env_str(
    "SENIM_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("SENIM_FROM_EMAIL", "senim@localhost")

_LEVELS = ("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET")
# Logs never carry a reporter's IP address: Django's request logging is limited to errors
# without request details and the production server writes no access log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("SENIM_LOG_LEVEL", "INFO", _LEVELS)},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Domain settings. Values marked unverified in DOMAIN.md are settings, not constants.
SENIM_DEMO_PASSWORD = env_str("SENIM_DEMO_PASSWORD", "senim-demo")
SENIM_PUBLIC_URL = env_str("SENIM_PUBLIC_URL", "http://127.0.0.1:8000")

# Identity vault: reporters' identities and every attachment are sealed with libsodium to the
# public key derived from this secret. Losing it loses the vault: back it up apart from the DB.
SENIM_VAULT_KEY = _secret("SENIM_VAULT_KEY")
# Receipt codes are looked up by a memory-hard KDF of the code keyed with this pepper, which
# never sits in the database: a stolen database alone does not let anyone test codes.
SENIM_RECEIPT_PEPPER = _secret("SENIM_RECEIPT_PEPPER")
# (libsodium's Argon2id takes at least 1 pass and 8 KiB.)
SENIM_RECEIPT_KDF_OPSLIMIT = env_int("SENIM_RECEIPT_KDF_OPSLIMIT", 2, minimum=1)
SENIM_RECEIPT_KDF_MEMLIMIT = env_int("SENIM_RECEIPT_KDF_MEMLIMIT", 16 * 1024 * 1024, minimum=8192)
# Wrong receipt codes per client in any window (senim.intake.limits, where the expected number
# of guesses is worked out). Everyone's together never refuse anyone: past the pressure mark
# the central department is told (an audit entry per window).
SENIM_FOLLOW_UP_ATTEMPTS = env_int("SENIM_FOLLOW_UP_ATTEMPTS", 10, minimum=1)
SENIM_FOLLOW_UP_WINDOW_SECONDS = env_int("SENIM_FOLLOW_UP_WINDOW_SECONDS", 900, minimum=1)
SENIM_FOLLOW_UP_PRESSURE = env_int(
    "SENIM_FOLLOW_UP_PRESSURE", 50 * SENIM_FOLLOW_UP_ATTEMPTS, minimum=1
)
SENIM_FOLLOW_UP_MINUTES = env_int("SENIM_FOLLOW_UP_MINUTES", 20, minimum=1)
# Reception bookings one client (by its hourly-keyed address) may make in the window above.
SENIM_RECEPTION_BOOKINGS_PER_CLIENT = env_int("SENIM_RECEPTION_BOOKINGS_PER_CLIENT", 5, minimum=1)
# Reports one client may register in any window. A carrier's NAT puts many citizens behind one
# address, but the whole country sends a few thousand reports a year (under one an hour), so
# 20 an hour from one address is never an honest crowd; 2,600 in 3 minutes was a flood.
SENIM_REPORTS_PER_CLIENT = env_int("SENIM_REPORTS_PER_CLIENT", 20, minimum=1)
SENIM_REPORTS_WINDOW_SECONDS = env_int("SENIM_REPORTS_WINDOW_SECONDS", 3600, minimum=1)

# Attachments: checked by content, stripped of metadata, sealed in storage.
SENIM_ATTACHMENT_MAX_BYTES = env_int("SENIM_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
SENIM_ATTACHMENT_MAX_COUNT = env_int("SENIM_ATTACHMENT_MAX_COUNT", 5, minimum=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A request body larger than this is refused before it is read (senim.core.middleware): every
# attachment at its largest plus the form's other fields. The reverse proxy's own limit
# (nginx client_max_body_size) must be at least this.
SENIM_MAX_REQUEST_BYTES = env_int(
    "SENIM_MAX_REQUEST_BYTES",
    SENIM_ATTACHMENT_MAX_BYTES * SENIM_ATTACHMENT_MAX_COUNT + DATA_UPLOAD_MAX_MEMORY_SIZE,
    minimum=1,
)

# Surges of reports (senim.cases.surges): a window's registrations in a unit, a court or the
# country are a surge when they reach the floor and exceed FACTOR times the median of the same
# window in the previous BASELINE_WEEKS weeks. The floors are far above an honest hour (a few
# thousand appeals a year nationally, under one an hour per unit), so a quiet unit's busy
# morning is no surge; a false alarm costs only a notice, as closing stays a person's decision.
SENIM_SURGE_WINDOW_MINUTES = env_int("SENIM_SURGE_WINDOW_MINUTES", 60, minimum=1)
SENIM_SURGE_BASELINE_WEEKS = env_int("SENIM_SURGE_BASELINE_WEEKS", 4, minimum=1)
SENIM_SURGE_FACTOR = env_float("SENIM_SURGE_FACTOR", 5.0, minimum=0.0)
SENIM_SURGE_MIN_REPORTS = env_int("SENIM_SURGE_MIN_REPORTS", 20, minimum=1)
SENIM_SURGE_MIN_REPORTS_GLOBAL = env_int("SENIM_SURGE_MIN_REPORTS_GLOBAL", 60, minimum=1)

# Anonymous appeals: "kz" (Kazakhstan: not considered unless they report an offence, which is
# redirected at once) or "iso" (ISO 37002 / EU 2019/1937: diligent anonymous follow-up).
SENIM_ANONYMOUS_POLICY = env_choice(
    "SENIM_ANONYMOUS_POLICY", AnonymousPolicy.KAZAKHSTAN, AnonymousPolicy
)
# Statutory consideration period in working days (Administrative Procedural Code).
SENIM_CONSIDERATION_DAYS = env_int("SENIM_CONSIDERATION_DAYS", 15, minimum=1)
# The international timers beside the statutory deadline (senim.cases.timers): acknowledge in
# 7 days, feedback to the reporter within 3 months of the acknowledgement.
SENIM_INTERNATIONAL_TIMERS = env_bool("SENIM_INTERNATIONAL_TIMERS", False)
SENIM_SMS_BACKEND = env_str("SENIM_SMS_BACKEND", "senim.core.sms.ConsoleBackend")
# Background work that a killed worker left behind (senim.core.tasks, senim.intake.delivery):
# a task still running after the lease belongs to a dead worker; it is failed and run again.
SENIM_TASK_LEASE_SECONDS = env_int("SENIM_TASK_LEASE_SECONDS", 600, minimum=1)
# Deliveries to reporters: attempts before a delivery is reported failed, and how long a
# pending one waits for a worker before the sweep queues it again.
SENIM_DELIVERY_ATTEMPTS = env_int("SENIM_DELIVERY_ATTEMPTS", 3, minimum=1)
SENIM_DELIVERY_RETRY_SECONDS = env_int("SENIM_DELIVERY_RETRY_SECONDS", 300, minimum=1)

# The API (/api/v1, senim.api): personal access tokens and integration clients keep only an
# HMAC-SHA256 of their secrets under this key (changing it invalidates every token and client
# secret); a token lives at most MAX_DAYS; each token or client may make RATE_LIMIT calls in any
# RATE_WINDOW seconds (429 with Retry-After beyond).
SENIM_API_TOKEN_KEY = env_str("SENIM_API_TOKEN_KEY", "") or f"senim-api-token:{SECRET_KEY}"
SENIM_API_TOKEN_MAX_DAYS = env_int("SENIM_API_TOKEN_MAX_DAYS", 365, minimum=1)
SENIM_API_RATE_LIMIT = env_int("SENIM_API_RATE_LIMIT", 120, minimum=1)
SENIM_API_RATE_WINDOW = env_int("SENIM_API_RATE_WINDOW", 60, minimum=1)

# Webhooks (senim.webhooks): subscribers are reached over https, or over plain http only on the
# hosts named here (tests, internal networks); each attempt waits TIMEOUT seconds at most; a
# message is tried ATTEMPTS times, waiting RETRY_SECONDS, then twice as long each time (with
# jitter) up to RETRY_MAX_SECONDS, before it is marked failed and its subscription paused.
SENIM_WEBHOOK_HTTP_HOSTS = env_list("SENIM_WEBHOOK_HTTP_HOSTS")
SENIM_WEBHOOK_TIMEOUT_SECONDS = env_float("SENIM_WEBHOOK_TIMEOUT_SECONDS", 10.0, minimum=0.1)
SENIM_WEBHOOK_ATTEMPTS = env_int("SENIM_WEBHOOK_ATTEMPTS", 8, minimum=1)
SENIM_WEBHOOK_RETRY_SECONDS = env_int("SENIM_WEBHOOK_RETRY_SECONDS", 30, minimum=1)
SENIM_WEBHOOK_RETRY_MAX_SECONDS = env_int("SENIM_WEBHOOK_RETRY_MAX_SECONDS", 3600, minimum=1)

# Triage (senim.triage, issue 16): duplicates and related reports, hotspots, rules. Names of
# people are compared as an HMAC under NAME_KEY (changing it forgets every earlier match);
# earlier reports are looked for within WINDOW_DAYS; HOTSPOT_* are the defaults the central
# department starts from (it sets its own on /office/triage/hotspots/).
SENIM_TRIAGE_NAME_KEY = env_str("SENIM_TRIAGE_NAME_KEY", "") or f"senim-triage-names:{SECRET_KEY}"
SENIM_TRIAGE_WINDOW_DAYS = env_int("SENIM_TRIAGE_WINDOW_DAYS", 365, minimum=1)
# The office home's figures are counted up to this many cases ("999+" past it).
SENIM_HOME_COUNT_CAP = env_int("SENIM_HOME_COUNT_CAP", 999, minimum=1)
SENIM_TRIAGE_HOTSPOT_WINDOW_DAYS = env_int("SENIM_TRIAGE_HOTSPOT_WINDOW_DAYS", 30, minimum=1)
SENIM_TRIAGE_HOTSPOT_COURT = env_float("SENIM_TRIAGE_HOTSPOT_COURT", 10.0, minimum=0.0)
SENIM_TRIAGE_HOTSPOT_UNIT = env_float("SENIM_TRIAGE_HOTSPOT_UNIT", 50.0, minimum=0.0)
SENIM_TRIAGE_HOTSPOT_PERSON = env_float("SENIM_TRIAGE_HOTSPOT_PERSON", 3.0, minimum=0.0)

# Integrations (senim.integrations): e-Otinish, the national e-appeals system, through the
# adapter class named here (docs/eotinish.md; a real connector replaces this one class), whose
# file exchange writes statuses and answers into OUTBOX_DIR; each report is tried ATTEMPTS times,
# RETRY_SECONDS apart and doubling. Telephony: a call's recording is refused above
# RECORDING_MAX_BYTES (an hour of 8 kHz 16-bit WAV is about 58 MB).
SENIM_EOTINISH_ADAPTER = env_str(
    "SENIM_EOTINISH_ADAPTER", "senim.integrations.eotinish_exchange.FileExchange"
)
SENIM_EOTINISH_OUTBOX_DIR = env_str("SENIM_EOTINISH_OUTBOX_DIR", str(VAR_DIR / "eotinish" / "out"))
SENIM_EOTINISH_ATTEMPTS = env_int("SENIM_EOTINISH_ATTEMPTS", 5, minimum=1)
SENIM_EOTINISH_RETRY_SECONDS = env_int("SENIM_EOTINISH_RETRY_SECONDS", 60, minimum=1)
SENIM_RECORDING_MAX_BYTES = env_int("SENIM_RECORDING_MAX_BYTES", 64 * 2**20, minimum=1)

# Papers (issue 17): previews of evidence files on the case page, rendered in a child process
# limited to MAX_MEMORY_MB of memory and TIMEOUT_SECONDS of CPU: at most MAX_PAGES pages of a
# PDF, each at most MAX_SIDE pixels on its longer side. A central task's reply carries at most
# TASK_REPLY_MAX_FILES files (each within SENIM_ATTACHMENT_MAX_BYTES).
SENIM_PREVIEW_MAX_PAGES = env_int("SENIM_PREVIEW_MAX_PAGES", 3, minimum=1)
SENIM_PREVIEW_MAX_SIDE = env_int("SENIM_PREVIEW_MAX_SIDE", 900, minimum=64)
SENIM_PREVIEW_TIMEOUT_SECONDS = env_int("SENIM_PREVIEW_TIMEOUT_SECONDS", 10, minimum=1)
SENIM_PREVIEW_MAX_MEMORY_MB = env_int("SENIM_PREVIEW_MAX_MEMORY_MB", 768, minimum=64)
SENIM_TASK_REPLY_MAX_FILES = env_int("SENIM_TASK_REPLY_MAX_FILES", 5, minimum=0)
# The role guides of the office's help menu (docs/guide/<language>/<role>.md and img/).
SENIM_GUIDE_DIR = env_str(
    "SENIM_GUIDE_DIR", str(Path(__file__).resolve().parent.parent / "docs" / "guide")
)

# Fast where people wait (issue 18): the report form and the public statistics page are rendered
# once per process, language and state, each visitor's CSRF token put in (senim/core/page_cache.py).
SENIM_PAGE_CACHE = env_bool("SENIM_PAGE_CACHE", True)
