# Netzwerk's image: one image for every role (web, worker, beat, migrate, backup); the role is
# the first argument of bin/docker-entrypoint, see docker-compose.yml.

# Build stage: the runtime dependencies in a virtualenv and the collected static files. Nothing
# of the development extra is installed, and no build tool reaches the final image.
FROM python:3.11-slim-trixie AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .
# Hashed, compressed static files for whitenoise. The key only lets the settings load; it
# signs nothing and is not in the final image's environment.
RUN STATIC_MANIFEST=true SECRET_KEY=collectstatic-only-signs-nothing-0123456789abcdefghij \
    python manage.py collectstatic --noinput
# Bytecode for the app and its libraries: the final image's user cannot write it to /app, so
# without it every worker start would compile the project's modules again.
RUN python -m compileall -q /app /opt/venv/lib

# Final stage: Python, pg_dump/pg_restore for `manage.py backup`, the virtualenv and the app.
FROM python:3.11-slim-trixie
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 netzwerk \
    && mkdir -p /app/var /backups \
    && chown netzwerk /app/var /backups
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER netzwerk
EXPOSE 8000
ENTRYPOINT ["bin/docker-entrypoint"]
CMD ["web"]
