# The portal's image: web (gunicorn), Celery worker and beat all run from it.
# Debian-based on purpose: WeasyPrint needs Debian's Pango (it crashes with Alpine's).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's libraries (Pango, HarfBuzz subsetting), fonts with full
# Vietnamese coverage (Liberation 2.x), gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-liberation2 fontconfig gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image (WhiteNoise serves them, hashed and
# compressed); the secret here is a throw-away used only for this step.
RUN DEBUG=false SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && if [ -d locale ]; then \
        DEBUG=false SECRET_KEY=build-only-not-a-secret python manage.py compilemessages; \
    fi \
    && useradd --system --uid 10001 --gid 0 --home-dir /app --no-create-home portal \
    && mkdir -p /app/var/media /app/var/broker \
    && chown -R portal:0 /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
