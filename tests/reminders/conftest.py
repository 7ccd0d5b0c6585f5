import pytest

from .integration import RedisServer, SmtpServer, Worker, require_services


@pytest.fixture
def services(transactional_db):
    require_services()


@pytest.fixture
def redis_server(services, tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(services):
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def workers(redis_server, smtp_server, tmp_path):
    """Start workers with `workers()`; all are stopped (before the database is flushed)."""
    started: list[Worker] = []

    def start(beat: bool = False, **env) -> Worker:
        worker = Worker(redis_server, smtp_server, tmp_path, **env)
        started.append(worker)
        return worker.start(beat=beat)

    yield start
    for worker in started:
        worker.stop()
