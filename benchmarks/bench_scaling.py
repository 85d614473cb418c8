"""Time against length: is every step linear on any paragraph, and bounded at the limits?

For each shape (news prose, and the shapes that once took minutes: quote marks, emoji,
punctuation, a run-on of cues), one paragraph at 1x, 4x and 16x a base length (16x is the
paragraph limit), and a whole request of news articles at 1x, 4x and 16x (16x is the
largest the request limits allow). The three lengths are timed in alternation, best of the
rounds, and the exponent is the slope of log(time) over log(length): 1 is linear, 2
quadratic; the goal is at most 1.15. Then the slowest request within the limits: for each
shape, distinct paragraphs (numbered) at the paragraph limit, as many as the request's
limits allow: paragraphs, characters and tokens (goal: at most 5 s). The parse cache is
off, so every run parses.
"""

from __future__ import annotations

import argparse
import math
import time
from functools import cache
from pathlib import Path

from sourcemark.config import Settings
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "article.txt"
GOAL = 1.15
SLOWEST_GOAL = 5.0  # seconds for any request within the limits
SCALES = (1, 4, 16)


def repeat(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def news_text(data_dir: Path) -> str:
    texts = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))
    if not texts:
        print(f"(no PolNeAR at {data_dir}; news text is the test fixture article)")
        texts = [FIXTURE]
    return "\n\n".join(t.read_text(encoding="utf-8") for t in texts)


def paragraph_shapes(news: str) -> dict:
    """name -> a function of length giving one paragraph of that shape."""
    prose = " ".join(news.split())
    return {
        "news prose": lambda n: prose[:n],
        '" x n': lambda n: '"' * n,
        "“” x n": lambda n: repeat("“”", n),
        "“ x n": lambda n: "“" * n,
        "punctuation": lambda n: repeat(".,;:!?-()", n),
        "newlines": lambda n: "\n" * n,
        "said x n": lambda n: repeat("said ", n),
        "😀 x n": lambda n: "😀" * n,
        "according to him": lambda n: repeat("according to him, ", n),
        "quotes and cues": lambda n: repeat("“Good,” said Bob, who said “bad things” were ", n),
    }


def request_of(news: str, length: int, fits) -> list[dict]:
    """The first `length` characters of news articles, as paragraphs, while `fits`."""
    paragraphs, total = [], 0
    for text in split_paragraphs(news):
        candidate = [*paragraphs, {"id": f"p{len(paragraphs)}", "text": text}]
        if total + len(text) > length or not fits(candidate):
            break
        paragraphs, total = candidate, total + len(text)
    return paragraphs


def exponent(lengths: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) over log(length)."""
    xs = [math.log(n) for n in lengths]
    ys = [math.log(max(s, 1e-6)) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


class Limits:
    """The request limits of the default settings, tokens counted by the pipeline's own
    tokenizer, as the server counts them."""

    def __init__(self, pipeline: Pipeline, settings: Settings):
        self.settings = settings
        # Filling a request asks again about every paragraph already in it.
        self.tokens = cache(lambda text: len(pipeline.nlp.make_doc(text)))

    def fits(self, paragraphs: list[dict]) -> bool:
        s = self.settings
        return (
            len(paragraphs) <= s.max_paragraphs
            and sum(len(p["text"]) for p in paragraphs) <= s.max_total_chars
            and sum(self.tokens(p["text"]) for p in paragraphs) <= s.max_tokens
        )

    def fill(self, make) -> list[dict]:
        """Distinct paragraphs of one shape, each as long as the limits let it be, as many
        as they allow."""
        paragraphs: list[dict] = []
        while True:
            prefix = f"{len(paragraphs)} "
            length = self.settings.max_paragraph_chars
            while length > len(prefix):
                paragraph = {"id": f"p{len(paragraphs)}", "text": prefix + make(length)}
                paragraph["text"] = paragraph["text"][: self.settings.max_paragraph_chars]
                if self.fits([*paragraphs, paragraph]):
                    break
                length = length * 9 // 10
            else:
                return paragraphs
            paragraphs.append(paragraph)


def timed(pipeline: Pipeline, requests: list[list[dict]], rounds: int, **limits) -> list[float]:
    """Each request's best time over the rounds, run in alternation."""
    best = [math.inf] * len(requests)
    for _ in range(rounds):
        for i, request in enumerate(requests):
            started = time.perf_counter()
            pipeline.analyze(request, **limits)
            best[i] = min(best[i], time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()

    settings = Settings()
    pipeline = Pipeline(Settings(parse_cache_bytes=0, analysis_cache_bytes=0))
    limits = Limits(pipeline, settings)
    news = news_text(options.data)
    pipeline.analyze([{"id": "warm", "text": news[:2000]}])
    print(f"{'shape':22} {'1x':>8} {'4x':>8} {'16x':>8}  exponent (goal <= {GOAL})")
    worst = 0.0
    for name, make in paragraph_shapes(news).items():
        texts = [make(settings.max_paragraph_chars * s // 16) for s in SCALES]
        requests = [[{"id": "p", "text": text}] for text in texts]
        seconds = timed(pipeline, requests, options.rounds)
        worst = max(worst, report(name, [len(t) for t in texts], seconds))
    largest = request_of(news, settings.max_total_chars, limits.fits)
    most = sum(len(p["text"]) for p in largest)
    requests = [request_of(news, most * s // 16, limits.fits) for s in SCALES]
    lengths = [sum(len(p["text"]) for p in r) for r in requests]
    seconds = timed(pipeline, requests, 1)
    worst = max(worst, report(f"request ({lengths[-1]:,} ch)", lengths, seconds))
    verdict = "met" if worst <= GOAL else "NOT met"
    print(f"worst exponent {worst:.2f}: goal <= {GOAL} {verdict}")

    print(
        f"at the limits ({settings.max_paragraphs} paragraphs, {settings.max_total_chars:,} "
        f"characters, {settings.max_tokens:,} tokens; the server's own check):"
    )
    shapes = {name: limits.fill(make) for name, make in paragraph_shapes(news).items()}
    shapes["news articles"] = largest
    seconds = {}
    for name, paragraphs in shapes.items():  # refused if over the limits, as the server does
        (spent,) = timed(pipeline, [paragraphs], 1, max_tokens=settings.max_tokens)
        chars = sum(len(p["text"]) for p in paragraphs)
        tokens = sum(limits.tokens(p["text"]) for p in paragraphs)
        print(
            f"  {name:20} {len(paragraphs):>3} paragraphs {chars:>8,} ch {tokens:>7,} tokens "
            f"{spent:6.2f}s",
            flush=True,
        )
        seconds[name] = spent
    slowest = max(seconds, key=seconds.get)
    verdict = "met" if seconds[slowest] <= SLOWEST_GOAL else "NOT met"
    print(
        f"slowest request within the limits: {slowest}, {seconds[slowest]:.2f} s: "
        f"goal <= {SLOWEST_GOAL:.0f} s {verdict}"
    )


def report(name: str, lengths: list[int], seconds: list[float]) -> float:
    slope = exponent(lengths, seconds)
    times = " ".join(f"{s:7.2f}s" for s in seconds)
    print(f"{name:22} {times}  {slope:.2f}", flush=True)
    return slope


if __name__ == "__main__":
    main()
