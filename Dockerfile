# The production image: gunicorn with gunicorn.conf.py, dependencies from requirements.lock.
# Build stage: install the locked dependencies, compile translations, collect static files.
FROM python:3.11-slim-bookworm AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# GNU gettext for compilemessages; needed at build time only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext=0.21-12 \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
WORKDIR /app
# Dependencies before code, so a code change reuses this layer.
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
RUN DEBUG=false SECRET_KEY=build-only python manage.py compilemessages -v 0 \
    && DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0 \
    && DEBUG=false SECRET_KEY=build-only python manage.py write_unavailable_pages


# Runtime stage: no compiler, no gettext, not root.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --no-create-home --uid 10001 --gid app app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# The code stays root's. The app user writes only uploads, in MEDIA_ROOT (the `media` volume in
# compose.yaml, or any folder that uid 10001 may write); interface-string overrides live in the
# database.
RUN mkdir -p /app/media && chown 10001:10001 /app/media

# Part of every cached page's key (`docker build --build-arg RELEASE_ID=$(git rev-parse HEAD)`);
# when empty, the hash of the static files' manifest. Declared late: a new value rebuilds only
# the layers after it.
ARG RELEASE_ID=""
ENV RELEASE_ID=${RELEASE_ID}

USER 10001:10001
WORKDIR /app
EXPOSE 8000

# No curl in slim images: Python asks /healthz (keep "localhost" in ALLOWED_HOSTS).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4); sys.exit(r.status != 200)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "migrant_site.wsgi"]
