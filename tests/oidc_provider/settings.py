"""Settings of the test OpenID provider. Everything the harness decides comes from the
environment: OIDC_PROVIDER_DIR (database, RSA key), OIDC_PROVIDER_ISSUER, OIDC_PROVIDER_SECRET_KEY.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ["OIDC_PROVIDER_DIR"])

SECRET_KEY = os.environ.get("OIDC_PROVIDER_SECRET_KEY") or secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.oidc_provider.urls"
WSGI_APPLICATION = "tests.oidc_provider.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "provider.sqlite3",
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Fast hashing: throwaway users on a loopback test server, created anew for each test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The provider and Senim's test server both run on 127.0.0.1, and browsers keep cookies per
# host, not per port: under Django's default names each would overwrite the other's session
# and CSRF cookies.
SESSION_COOKIE_NAME = "oidc_provider_sessionid"
CSRF_COOKIE_NAME = "oidc_provider_csrftoken"

LOGIN_URL = "/accounts/login/"
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": (DATA_DIR / "oidc.key").read_text(),
    # The issuer exactly as the harness gives it to the relying party (http://127.0.0.1:PORT/o).
    "OIDC_ISS_ENDPOINT": os.environ.get("OIDC_PROVIDER_ISSUER", ""),
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Name and username",
        "email": "Email address",
    },
    # Optional, so that a relying party with or without PKCE both work; a code_challenge
    # that is sent is still checked.
    "PKCE_REQUIRED": False,
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.claims.ClaimsValidator",
}

# DEBUG is off: errors go to stderr, which the harness keeps as the server's log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "oauth2_provider": {"handlers": ["console"], "level": "WARNING"},
        "oauthlib": {"handlers": ["console"], "level": "WARNING"},
    },
}
