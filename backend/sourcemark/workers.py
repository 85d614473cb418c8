"""`sourcemark serve --workers N`: pre-forked gunicorn processes that share one model load.

The model is loaded in the master before it forks, so the workers start at once and share
its memory until they write to it. Each worker runs a few threads (gunicorn's gthread
class): one answers health while another analyses. The Pipeline runs one analysis at a
time per process, so N workers analyse N articles at once.
"""

from __future__ import annotations

import os

from .config import Settings

THREADS_PER_WORKER = 4
# gunicorn restarts a worker that hasn't reported for this long; an analysis at the size
# limits stays well under it.
WORKER_TIMEOUT_SECONDS = 120


class WorkersUnavailable(RuntimeError):
    pass


def check_fork() -> None:
    if not hasattr(os, "fork"):
        raise WorkersUnavailable(
            "--workers needs a system that can fork processes (Linux, macOS); on this one, "
            "run `sourcemark serve` without --workers (one process, several threads)"
        )


def serve_workers(settings: Settings, workers: int) -> None:
    """Load the model, fork `workers` processes, and serve until stopped."""
    check_fork()
    if workers < 1:
        raise ValueError(f"--workers: {workers} is not a number of processes (1 or more)")
    from gunicorn.app.base import BaseApplication
    from gunicorn.http import wsgi

    from .api import create_app
    from .pipeline import Pipeline, freeze_long_lived

    settings = settings.for_worker_process()
    pipeline = Pipeline(settings)
    app = create_app(settings, pipeline=pipeline)
    freeze_long_lived()  # before gunicorn forks the workers
    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "preload_app": True,
        "timeout": WORKER_TIMEOUT_SECONDS,
        "accesslog": None,
        "loglevel": "warning",
    }

    wsgi.SERVER = "sourcemark"  # the Server header, as waitress sends it

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    print(
        f"Sourcemark backend on http://{settings.host}:{settings.port} "
        f"(model {pipeline.model_info['name']}, {workers} worker processes)",
        flush=True,
    )
    Server().run()
