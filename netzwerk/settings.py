"""Netzwerk settings, read from the environment.

Every value has a default that makes the quick start work with nothing configured:
SQLite under var/, local-memory cache, console email, Celery on a filesystem transport.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# The default serves development only: with DEBUG off, a missing, short or published key
# stops every manage.py command and the web server (netzwerk/checks.py).
SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789"
)
# Rotating the key: put the new one in SECRET_KEY and the old one here (a comma list), so
# sessions, one-tap links and password-reset links signed with it keep working; drop it later.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # allauth's sessions and passkey lists load its template filters (naturaltime).
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "template_partials",
    "csp",
    "netzwerk",
    "netzwerk.account",
    "contacts",
    "contacts.carddav",
    "reminders",
    "strategy",
    "webhooks",
    "api",
    # django-ninja's API docs page and its Swagger UI files, served from static.
    "ninja",
]

# The two policy headers come first so that every response gets them, also one that a later
# middleware answers itself (a host not in ALLOWED_HOSTS, a CSRF failure).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every middleware below has finished (WhiteNoise serves static files
    # itself); the CSP header and its nonce are set below, before compression, and are
    # unaffected by it.
    "netzwerk.middleware.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "netzwerk.middleware.UserPreferencesMiddleware",
    "netzwerk.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "netzwerk.sessions.SessionActivityMiddleware",
    "netzwerk.security.StaffTwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netzwerk.middleware.HtmxResponseMiddleware",
]

ROOT_URLCONF = "netzwerk.urls"
WSGI_APPLICATION = "netzwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "reminders.context_processors.nudges",
            ],
        },
    }
]
# Form widgets are rendered by Jinja2 (netzwerk/form_renderer.py); pages stay Django templates.
FORM_RENDERER = "netzwerk.form_renderer.FormRenderer"

# The embedded default is a SQLite file under var/; production and CI set DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netzwerk.sqlite3'}")}
# A real server (gunicorn) keeps each worker's connection for a minute instead of opening one
# per request; the health check replaces a connection the database dropped meanwhile. The dev
# server (DEBUG) opens one per request, so a restarted database never leaves it stuck.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if DEBUG else 60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Template fragments that follow from the language and the request alone ({% cache %}: the
# main navigation, the contact list's filters) are kept in each process's memory, not in
# Redis: asking Redis would cost about what rendering them does. In DEBUG none is kept, so
# an edited template shows at once.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends."
    + ("dummy.DummyCache" if DEBUG else "locmem.LocMemCache"),
    "LOCATION": "template-fragments",
}

AUTH_USER_MODEL = "netzwerk.User"
AUTHENTICATION_BACKENDS = [
    "reminders.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "reminders:dashboard"
LOGOUT_REDIRECT_URL = "account_login"

# Accounts: email is the login, there are no usernames.
ACCOUNT_ADAPTER = "netzwerk.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "netzwerk.adapters.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# "mandatory" in production: only then does sign-up hide whether an address has an account
# (allauth's enumeration prevention needs the confirmation email). The quick start signs up
# without one.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_PREVENT_ENUMERATION = True
# One address per account. A new one is confirmed by a link sent to it before it replaces
# the old one, which is told of the change; adding, changing or removing an address, the
# password and two-factor settings need the password again (re-authentication).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
# Sessions live in the database: the sessions page reads them all in one query. With Redis,
# every request reads its session from the cache instead (a query fewer on each page) and
# each write goes to both. Without it, the database alone: a local-memory cache is one per
# process, and a session ended in one worker would live on in another's.
SESSION_ENGINE = "netzwerk.session_store" if REDIS_URL else "django.contrib.sessions.backends.db"
# How long a login lasts without being used (seconds; the default is two weeks).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
# The sessions page shows each session's last request and address; netzwerk.sessions'
# middleware records them every few minutes (allauth's tracking would write on every request).
USERSESSIONS_TRACK_ACTIVITY = False
# A single-person install closes sign-up with SIGNUP_OPEN=false.
SIGNUP_OPEN = env.bool("SIGNUP_OPEN", default=True)
# Single sign-on (optional): OpenID Connect with the self-hoster's Authentik, Keycloak or
# Nextcloud. The provider appears on the login page only when OIDC_SERVER_URL is set; its
# redirect URI is SITE_URL + /accounts/oidc/sso/login/callback/.
OIDC_SERVER_URL = env.str("OIDC_SERVER_URL", default="")
SOCIALACCOUNT_PROVIDERS: dict = {}
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "sso",
                "name": env.str("OIDC_NAME", default="Single sign-on"),
                "client_id": env.str("OIDC_CLIENT_ID"),
                "secret": env.str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ]
    }
# The provider's address is trusted as confirmed only for a new account: an existing account
# with the same address is not taken over; its owner signs in with the password first.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False

# Failed logins are limited per client address and per account (allauth's rate limits, kept in
# the default cache, Redis when REDIS_URL is set, so every web worker counts the same). A limit
# is a sliding window, not a lock: once the oldest failure is older than the window, the right
# password works again. The admin signs in through the same page (netzwerk/security.py).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/300s/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105 # a rate, not a password
}

# `manage.py backup` writes here and keeps the newest BACKUP_KEEP backups.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# Behind a reverse proxy the client address is the one this many proxies (ours) saw, counted
# from the right of X-Forwarded-For; 0 trusts no header (REMOTE_ADDR). Set it to the number of
# proxies in front of gunicorn, else every visitor shares the proxy's address and its limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Netzwerk <netzwerk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung SMTP server must not hold a worker until the task time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Absolute links in emails (digest, reminders, one-tap actions, unsubscribe) start with this.
# Unless set, it follows the port bin/run serves on (PORT), so email links reach this server.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
# Reminder and digest emails (reminders/delivery.py): a failed send is retried after
# EMAIL_RETRY_BASE_SECONDS, doubling up to an hour, EMAIL_MAX_ATTEMPTS times in all. A claim
# is a lease renewed after every message; one not renewed for EMAIL_CLAIM_TIMEOUT_SECONDS
# (3 x EMAIL_TIMEOUT) is taken over, and a live sender cuts off any message after two thirds
# of it, so a send still running is never taken over.
EMAIL_RETRY_BASE_SECONDS = env.int("EMAIL_RETRY_BASE_SECONDS", default=60)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
EMAIL_CLAIM_TIMEOUT_SECONDS = env.int("EMAIL_CLAIM_TIMEOUT_SECONDS", default=3 * EMAIL_TIMEOUT)

# CardDAV sign-ins (contacts/carddav/auth.py): this many failed attempts per client address
# or per email within the window (seconds) make every further attempt wait out the window.
CARDDAV_FAILED_LOGINS = env.int("CARDDAV_FAILED_LOGINS", default=10)
CARDDAV_FAILED_LOGIN_WINDOW = env.int("CARDDAV_FAILED_LOGIN_WINDOW", default=300)
# Requests per API token (or per signed-in user) before 429, e.g. "120/m" or "5000/h".
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="120/m")

# Web Push (reminders/push.py). VAPID_PRIVATE_KEY: the server's key, base64url of the raw
# 32 bytes (`manage.py vapid_key` prints a new one); without it a
# development key is made under var/. VAPID_SUBJECT: how push services can reach the operator.
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="mailto:netzwerk@localhost")
# The server sends only to these push services (a subscription names the URL): Chrome and
# Android, Firefox, Safari and iOS, Edge. A leading dot allows the subdomains.
PUSH_SERVICE_HOSTS = env.list(
    "PUSH_SERVICE_HOSTS",
    default=[
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        ".push.apple.com",
        ".notify.windows.com",
    ],
)
# Tests run a push service of their own on plain HTTP; real ones are HTTPS only.
PUSH_ALLOW_HTTP = env.bool("PUSH_ALLOW_HTTP", default=False)
PUSH_TIMEOUT = env.int("PUSH_TIMEOUT", default=10)

# Outgoing webhooks (webhooks/): only to public addresses unless the operator allows their own
# network; one request's connect and each read are limited to WEBHOOKS_TIMEOUT seconds, well
# inside the claim's lease (EMAIL_CLAIM_TIMEOUT_SECONDS).
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=False)
WEBHOOKS_TIMEOUT = env.int("WEBHOOKS_TIMEOUT", default=10)
# A file of CA certificates that https receivers are verified against instead of the public
# ones (a receiver in the operator's network with its own CA); empty: the public CAs.
WEBHOOKS_CA_BUNDLE = env.str("WEBHOOKS_CA_BUNDLE", default="")

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# locale_allauth: allauth's own strings in the informal "du" the app uses (allauth's German mixes).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
FORMAT_MODULE_PATH = ["netzwerk.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Hashed, compressed file names once collectstatic has run (the Docker image does);
# before that (quick start, tests) files are served as they are. The first collectstatic
# finds no manifest yet, so the image's build asks for one with STATIC_MANIFEST=true.
STATIC_MANIFESTED = env.bool("STATIC_MANIFEST", default=(STATIC_ROOT / "staticfiles.json").exists())
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFESTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Content Security Policy: everything from our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Permissions-Policy: the browser features the app uses are allowed for its own origin only
# (copy buttons write the clipboard; passkeys create and use credentials), every other powerful
# feature is off, so even injected script or an embedded page could not ask for it.
# Only features Chromium knows: it warns about an unknown one on every page (the browser
# tests fail on that warning), and an unknown feature cannot be used anyway.
PERMISSIONS_POLICY = {
    "clipboard-write": "self",
    "publickey-credentials-create": "self",
    "publickey-credentials-get": "self",
    "fullscreen": "self",
    **dict.fromkeys(
        [
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "clipboard-read",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "local-fonts",
            "magnetometer",
            "microphone",
            "midi",
            "otp-credentials",
            "payment",
            "picture-in-picture",
            "screen-wake-lock",
            "serial",
            "usb",
            "window-management",
            "xr-spatial-tracking",
        ],
        [],
    ),
}

# Production safety: a site served over HTTPS sets HTTPS=true, which turns on the redirect,
# secure cookies and HSTS (manage.py check --deploy is then clean). Plain-HTTP setups (the
# quick start, tests, docker-compose on localhost) leave it off.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Submitting a domain to the browsers' HSTS preload list is the operator's decision.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A proxy or orchestrator probes /health over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Two factors (allauth.mfa): an authenticator app (TOTP) with recovery codes, and passkeys,
# which also sign in without a password. Once a user sets one up, every login asks for it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Netzwerk"
# The seeds of authenticator apps and recovery codes are stored encrypted with SECRET_KEY
# (netzwerk/secret_box.py).
MFA_ADAPTER = "netzwerk.adapters.MFAAdapter"
# A code typed as the 30-second step turns over, or from a phone whose clock is a little off,
# still counts (RFC 6238 suggests one step of tolerance); each code works only once.
MFA_TOTP_TOLERANCE = 1
# Browsers offer passkeys on HTTPS and on localhost; plain HTTP elsewhere is development only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not HTTPS
# Staff must set up a second factor before they reach anything but that setup
# (netzwerk.security.StaffTwoFactorMiddleware).
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=False)

# Imports (contacts/importing/): the files of one upload together, at most this many bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_FILES = env.int("IMPORT_MAX_FILES", default=50)
# Django refuses a request with more files with a bare 400; the form says it in words.
DATA_UPLOAD_MAX_NUMBER_FILES = IMPORT_MAX_FILES + 50

# Celery: Redis when REDIS_URL is set, else a filesystem transport that needs no server.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    # Redis hands an unacknowledged task to another worker after the visibility timeout. It
    # stays above the task time limit, and no task is ever scheduled more than a minute
    # ahead (no long countdown or ETA), so a running or waiting task is never run twice.
    {"visibility_timeout": 900}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True


def _every(cron: crontab, expires: int | None = None):
    """A beat entry's schedule; BEAT_EVERY_SECONDS (tests, demos) replaces every crontab.

    Scans are cheap and idempotent, and a scan that waited past the next one is useless. The
    reminders' runs skip themselves when a newer one is queued behind them (reminders/tasks.py)
    instead of expiring after a fixed time, which behind a backlog dropped every one of them;
    others expire before their successor. Either way an outage leaves no pile of scans.
    """
    seconds = env.int("BEAT_EVERY_SECONDS", default=0)
    options = {"expires": seconds or expires} if expires else {}
    return {"schedule": timedelta(seconds=seconds) if seconds else cron, "options": options}


# The periodic scans derive everything from the database; see README "Reminders and Celery".
CELERY_BEAT_SCHEDULE: dict = {
    "create-due-nudges-every-5-minutes": {
        "task": "reminders.tasks.scan_nudges",
        **_every(crontab(minute="*/5")),
    },
    "send-nudge-emails-every-minute": {
        "task": "reminders.tasks.deliver_nudge_emails",
        **_every(crontab()),
    },
    "send-push-notifications-every-minute": {
        "task": "reminders.tasks.deliver_push",
        **_every(crontab()),
    },
    # Every minute: a digest chunk whose worker died is taken over soon after its lease lapsed.
    "send-due-weekly-digests-every-minute": {
        "task": "reminders.tasks.send_due_digests",
        **_every(crontab()),
    },
    "send-webhooks-every-minute": {
        "task": "webhooks.tasks.deliver_webhooks",
        **_every(crontab()),
    },
    # A bulk tag change enqueues the rebuild itself; this catches one whose task was lost.
    "rebuild-stale-search-texts-every-5-minutes": {
        "task": "contacts.tasks.rebuild_stale_search_texts",
        **_every(crontab(minute="*/5"), expires=240),
    },
    # An upload or a confirmed import enqueues its task; this catches one that was lost.
    "resume-stalled-imports-every-5-minutes": {
        "task": "contacts.tasks.resume_imports",
        **_every(crontab(minute="*/5"), expires=240),
    },
    # A missed night is caught up by the next: the rows are only a day's worth.
    "forget-expired-api-idempotency-keys-daily": {
        "task": "api.tasks.forget_expired_idempotency_keys",
        **_every(crontab(hour=4, minute=17), expires=240),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
