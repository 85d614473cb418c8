"""A readable, coloured per-paragraph report of an analysis, for a terminal."""

from __future__ import annotations

import textwrap

_COLOURS = {
    "named_person": "34",  # blue
    "named_organization": "36",  # cyan
    "document": "32",  # green
    "anonymous": "35",  # magenta
    "vague": "33",  # yellow
    "unattributed": "90",  # grey
}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def render(analysis: dict, colour: bool = False) -> str:
    lines: list[str] = []
    for number, paragraph in enumerate(analysis["paragraphs"], 1):
        tone = paragraph["sentiment"]
        lines.append(
            _paint(
                f"¶{number} [{paragraph['id']}]  tone {tone['label']} ({tone['compound']:+.2f})",
                "1",
                colour,
            )
        )
        lines += textwrap.wrap(
            paragraph["text"], 96, initial_indent="  ", subsequent_indent="  "
        ) or ["  (empty)"]
        for attribution in paragraph["attributions"]:
            source = attribution["source"]
            kind = source["type"] if source else "vague"
            who = f"{source['name']} ({kind})" if source else "(no source given)"
            cue = attribution["cue"]["text"] if attribution["cue"] else "—"
            said = " … ".join(c["text"] for c in attribution["content"])
            lines.append(
                "  "
                + _paint(f"▸ {who}", _COLOURS[kind], colour)
                + f"  via “{cue}”  [{attribution['kind']}]"
            )
            lines += textwrap.wrap(said, 92, initial_indent="      ", subsequent_indent="      ")
        for span in paragraph["unattributed"]:
            lines.append(
                "  "
                + _paint("▹ outlet's own voice: ", _COLOURS["unattributed"], colour)
                + span["text"][:120]
            )
        for marker in paragraph["markers"]:
            valence = marker.get("valence")
            strength = f" ({valence:+.1f})" if valence is not None else ""
            lines.append(f"  · {marker['kind']}: {marker['text']}{strength}")
        shares = ", ".join(f"{k} {v:.0%}" for k, v in paragraph["breakdown"].items() if v)
        if shares:
            lines.append(f"  mix: {shares}")
        lines.append("")
    if analysis["sources"]:
        lines.append(_paint("Sources", "1", colour))
        for source in analysis["sources"]:
            lines.append(
                "  "
                + _paint(f"{source['name']}", _COLOURS[source["type"]], colour)
                + f"  {source['type']}, {source['attributions']} attribution(s)"
            )
    share = analysis["summary"]["share"]
    lines.append("Share of text: " + ", ".join(f"{k} {v:.0%}" for k, v in share.items() if v))
    voices = analysis["summary"].get("tone") or {}
    toned = [
        f"{name} {voices[key]['label']} ({voices[key]['compound']:+.2f})"
        for key, name in (("outlet", "outlet's own voice"), ("sources", "quoted and attributed"))
        if voices.get(key)
    ]
    if toned:
        lines.append("Tone: " + ", ".join(toned))
    return "\n".join(lines) + "\n"
