"""Settings for the emulation and commendation portal.

Everything that differs between a laptop and a server is read from the
environment (see ``.env.example``).  With no environment at all the portal runs
in development mode on SQLite and an embedded Celery broker under ``var/``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY")  # required in production: no default
    if not SECRET_KEY.strip():
        # docker-compose passes an unset variable as an empty string.
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The portal's own apps, bottom layer first (pyproject.toml's import contract).
OWN_APPS = [
    "common",
    "units",
    "campaign",
    "council",
    "awards",
    "api",
    "twofactor",
    "honours",
    "practices",
    "portal",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "config.apps.PeriodicTasksConfig",  # django_celery_beat, named in Vietnamese
    "simple_history",
    "template_partials",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the Swagger UI files, served from here: no CDN
    "config.apps.LoginProtectionConfig",  # axes, named in Vietnamese
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *OWN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.cache.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.FramePrefetchMiddleware",
    "common.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After authentication and htmx: a session owing its second factor goes to verify.
    "twofactor.middleware.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "portal.context_processors.roles",
                "twofactor.context_processors.second_factor",
                "common.cache.csrf_placeholder",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -------------------------------------------------------------
# SQLite by default, in WAL mode with IMMEDIATE transactions so that the web
# process and the Celery worker never dead-lock on a read-then-write upgrade.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "common.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # seconds a password reset link stays valid

# Sign-in lockout (django-axes records the failures, common/lockout.py decides).
# An account (the username typed, from any address) is locked after AXES_FAILURE_LIMIT
# failures, an address (whatever usernames) after LOGIN_ADDRESS_FAILURE_LIMIT; the lock
# lasts LOGIN_LOCK_BASE seconds after the last failure, doubled for each further
# failure, at most LOGIN_LOCK_MAX. Failures are forgotten a day after the last one
# (AXES_COOLOFF_TIME), by a successful sign-in or by a password reset (that account).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
LOGIN_LOCK_BASE = env.int("LOGIN_LOCK_BASE", default=60)
LOGIN_LOCK_MAX = env.int("LOGIN_LOCK_MAX", default=24 * 60 * 60)
AXES_COOLOFF_TIME = timedelta(days=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "common.lockout.PortalLockoutHandler"
AXES_LOCK_OUT_AT_FAILURE = False  # the handler above locks, not axes' single counter
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # tries while locked do not count
AXES_LOCKOUT_CALLABLE = "common.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "common.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The client's address is REMOTE_ADDR, unless that is one of these proxies (addresses or
# networks, comma-separated): then X-Forwarded-For is read from the right, past them.
# Empty (the default) ignores the header: anybody can write it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# Two-factor sign-in (django-otp, twofactor/): required for emulation staff, council
# members and administrators, optional for unit officers. The issuer is the account's
# name in authenticator apps. Each wrong code doubles the wait before the next try
# (1, 2, 4 … seconds, per device) and counts as a failed sign-in above.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Thi đua – Khen thưởng Bến Tre")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
if DEBUG:
    # Development serves static files from the source folders; the empty folder
    # spares WhiteNoise's "No directory at" warning where DEBUG is turned off (tests).
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded evidence and generated certificates are never served as plain
# static files: they go through permission-checked views.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Object storage (several hosts): with S3_BUCKET set, every private file goes to that
# bucket of an S3-compatible store (common/storage.py), shared by all web and worker
# hosts; static files stay with WhiteNoise.  Private files reach browsers only through
# the portal's permission-checked views: streamed by Django (PRIVATE_FILE_DELIVERY
# "stream", the default), or redirected to a link the store answers, signed for
# S3_SIGNED_URL_EXPIRE seconds ("signed", S3 only).
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "common.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty: AWS itself (in S3_REGION).  MinIO, Ceph, a provider's store: its URL.
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            # The store's address as browsers reach it, for signed links (empty: the above).
            "public_endpoint_url": env.str("S3_PUBLIC_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            # Empty: boto3's own chain (AWS_* variables, an instance role...).
            "access_key": env.str("S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "location": env.str("S3_LOCATION", default=""),  # a key prefix inside the bucket
            # "path" (bucket in the path) suits MinIO and most stores; "virtual" for AWS.
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
        },
    }
PRIVATE_FILE_DELIVERY = env.str("PRIVATE_FILE_DELIVERY", default="stream")
S3_SIGNED_URL_EXPIRE = env.int("S3_SIGNED_URL_EXPIRE", default=60)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# Files one form field takes at once (checked by the form, with a message, the rest of
# the form kept), and the hard limit of a whole request (Django refuses the request
# with the 400 page, common.views.bad_request, which says this number).
UPLOAD_MAX_FILES = env.int("UPLOAD_MAX_FILES", default=20)
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# Excel imports (common.excel.imports): the largest workbook, its data rows, and what
# its ZIP may inflate to (zip bombs are refused before openpyxl opens them).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=UPLOAD_MAX_BYTES)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_MAX_UNCOMPRESSED = env.int("IMPORT_MAX_UNCOMPRESSED", default=200 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thiduakhenthuong@localhost")
# The portal's public address, the base of every absolute link (common/site.py):
# required when DEBUG is off (common/checks.py); `make run` sets it from HOST and PORT.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------
# With REDIS_URL (or CELERY_BROKER_URL) set, Celery uses Redis.  Without it,
# kombu's filesystem transport under var/ is an embedded broker that needs no
# server.  CELERY_TASK_ALWAYS_EAGER runs tasks in-process (tests without Redis).
REDIS_URL = env.str("REDIS_URL", default="")
# Redis as the broker (with REDIS_URL): the transport options.
REDIS_BROKER_TRANSPORT_OPTIONS = {
    # Redelivery of unacknowledged tasks after a whole worker dies.
    "visibility_timeout": 3600,
    # Do not hang forever on a dead connection (workers silently stop
    # consuming after a connection reset otherwise).
    "socket_timeout": 15,
    "socket_connect_timeout": 2,
    "health_check_interval": 25,
    # Publishing (a web request's after-commit send, beat, the outbox sweep): one
    # immediate second try, then give up.  Kombu's default waits 2 s, 4 s … for
    # ~6 s (measured); the task outbox keeps the message and sends it later.
    # Workers' consumers reconnect by broker_connection_* settings, not these.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange bindings (worker remote control); kombu's default is the
        # relative folder "control" in whatever directory the process started.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
    # Each delay() subscribes to its result first; with Redis down Celery's
    # default retries that 20 times a second apart (~19 s a call, measured).
    # Fail in under a second instead: the outbox sweep queues what was missed.
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
        "retry_policy": {
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.5,
            "interval_max": 1,
        }
    }
# --- Cache ----------------------------------------------------------------
# Fragments and public pages (common/cache.py).  With CACHE_URL (default: REDIS_URL)
# one Redis shared by every web and worker process, failing open (a Redis outage
# costs speed, never a page: common/cache_backends.py); without it, files under
# var/cache, shared by `make run`'s processes.  CACHE_BACKEND replaces the backend's
# class (bench.queue's cold run: bench/cold_cache.py).
CACHE_URL = env.str("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": env.str(
                "CACHE_BACKEND", default="common.cache_backends.ResilientRedisCache"
            ),
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": env.str(
                "CACHE_BACKEND", default="django.core.cache.backends.filebased.FileBasedCache"
            ),
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": "portal",
        }
    }

CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# The task outbox (common/services/outbox.py): sent rows are kept this many days,
# and staff are warned when a row has waited this many seconds (the broker is down).
OUTBOX_KEEP_SENT = env.int("OUTBOX_KEEP_SENT", default=7)
OUTBOX_WARN_AFTER = env.int("OUTBOX_WARN_AFTER", default=5 * 60)
# How old the statistics page's figures may grow after a write retired them before
# they are counted again (awards/statistics.py); 0 counts again at the next look.
STATISTICS_STALE_SECONDS = env.int("STATISTICS_STALE_SECONDS", default=60)
# A RUNNING job row (certificate run, notice batch …) whose heartbeat has not moved
# for this many seconds has lost its worker: Job.is_stale().  A running job beats
# every JOB_HEARTBEAT_EVERY seconds.  A PENDING one waits in the broker's queue,
# perhaps behind others, so it counts as lost only after JOB_QUEUED_STALE_AFTER.
# The sweeper common.requeue_stale_jobs (beat, every minute) queues stale rows again.
JOB_STALE_AFTER = env.int("JOB_STALE_AFTER", default=60)
JOB_HEARTBEAT_EVERY = env.int("JOB_HEARTBEAT_EVERY", default=5)
JOB_QUEUED_STALE_AFTER = env.int("JOB_QUEUED_STALE_AFTER", default=15 * 60)
# Where a running job keeps its temporary files, one folder per job row.
JOB_SCRATCH_ROOT = env.path("JOB_SCRATCH_ROOT", default=VAR_DIR / "scratch")

# --- Forms and front end ----------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy (django-csp 4): no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# --- The REST API (api/) -----------------------------------------------------
# Token authentication only (api.authentication: hashed tokens of unit officers),
# JSON in and out (multipart for files), cursor pagination, and two throttles: per
# token, and per address for anonymous callers (the public awards, the schema).
# The throttles count in the default cache: one Redis for every web process and host
# when CACHE_URL or REDIS_URL is set (a Redis outage lets calls through uncounted).
API_THROTTLE_CACHE = "default"
API_THROTTLE_TOKEN_RATE = env.str("API_THROTTLE_TOKEN_RATE", default="2000/hour")
API_THROTTLE_ANON_RATE = env.str("API_THROTTLE_ANON_RATE", default="120/hour")
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
#: Active tokens one account may hold at once.
API_TOKENS_PER_USER = env.int("API_TOKENS_PER_USER", default=10)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.TokenRateThrottle",
        "api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thông tin thi đua – khen thưởng",
    "DESCRIPTION": (
        "Đọc đơn vị, phong trào, quyết định và danh sách khen thưởng công khai; hệ thống của "
        "đơn vị ghi nhận thành tích, lập và gửi hồ sơ đề nghị khen thưởng kèm tệp. "
        "Xác thực bằng khóa API của tài khoản cán bộ đơn vị: "
        "`Authorization: Bearer <khóa>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "displayRequestDuration": True},
    "ENUM_NAME_OVERRIDES": {
        "AchievementCategoryEnum": "awards.enums.AchievementCategory",
        "IndividualCategoryEnum": "units.enums.IndividualCategory",
        "NominationStateEnum": "awards.enums.NominationState",
        "DecisionStateEnum": "awards.enums.DecisionState",
    },
}

# --- Security (production) --------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache (Redis) and written through to the database: a
# page costs no session query, and a Redis outage costs speed, not a sign-in
# (the resilient cache answers "not cached" and the database has every session).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_FAILURE_VIEW = "common.views.csrf_failure"

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
