"""The report's charts, drawn with matplotlib as SVG and carried in the page as data: URIs,
so the page needs no script and no network, and no text in a chart can become markup."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # after choosing the headless backend

from ..contract import BREAKDOWN_KEYS
from .profile import Group

LABELS = {
    "named_person": "named person",
    "named_organization": "named organisation",
    "document": "document",
    "anonymous": "anonymous",
    "vague": "vague",
    "unattributed": "own voice",
}
# The extension's colours for the same types (extension/shared/theme.js).
COLOURS = {
    "named_person": "#2563eb",
    "named_organization": "#0e7490",
    "document": "#7c3aed",
    "anonymous": "#c2410c",
    "vague": "#be185d",
    "unattributed": "#94a3b8",
}
STYLE = {
    "svg.fonttype": "path",  # glyphs as paths: the page looks the same without our fonts
    "svg.hashsalt": "sourcemark",  # the same data draws the same bytes
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_MAX_LABEL = 40


def _label(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def _data_uri(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def shares_by_group(groups: list[Group], title: str, horizontal: bool) -> str:
    """Stacked bars of the share of text by source type, one bar per group."""
    with plt.rc_context(STYLE):
        names = [_label(g.key) for g in groups]
        if horizontal:
            figure, axes = plt.subplots(figsize=(7.5, 0.9 + 0.32 * len(groups)))
        else:
            figure, axes = plt.subplots(figsize=(max(6.0, 0.35 * len(groups) + 2), 3.4))
        positions = range(len(groups))
        bottom = [0.0] * len(groups)
        for key in BREAKDOWN_KEYS:
            values = [g.share[key] for g in groups]
            draw = axes.barh if horizontal else axes.bar
            offset = {"left": bottom} if horizontal else {"bottom": bottom}
            draw(positions, values, color=COLOURS[key], label=LABELS[key], **offset)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        percent = matplotlib.ticker.PercentFormatter(1.0)
        if horizontal:
            axes.set_yticks(positions, names)
            axes.invert_yaxis()
            axes.set_xlim(0, 1)
            axes.xaxis.set_major_formatter(percent)
        else:
            axes.set_xticks(positions, names, rotation=60)
            axes.set_ylim(0, 1)
            axes.yaxis.set_major_formatter(percent)
        axes.set_title(title, loc="left", pad=24)
        axes.legend(ncols=6, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False)
        return _data_uri(figure)


def own_voice_over_time(own_voice: dict[str, dict[str, float]], outlets: list[str]) -> str:
    """One line per outlet: the share of its text in its own voice, month by month."""
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.5, 3.4))
        months = sorted({m for o in outlets for m in own_voice.get(o, {})})
        position = {m: i for i, m in enumerate(months)}
        for outlet in outlets:
            points = sorted(own_voice.get(outlet, {}).items())
            axes.plot(
                [position[m] for m, _ in points],
                [v for _, v in points],
                marker="o",
                markersize=3,
                label=_label(outlet),
            )
        step = max(1, len(months) // 12)
        axes.set_xticks(range(0, len(months), step), months[::step], rotation=60)
        axes.set_ylim(0, 1)
        axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        axes.set_title("Own-voice share by month", loc="left")
        axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return _data_uri(figure)


def top_counts(items: list[tuple[str, int]], title: str, colour: str) -> str:
    """Horizontal bars of counts, the largest on top."""
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.5, 0.8 + 0.26 * max(1, len(items))))
        positions = range(len(items))
        axes.barh(positions, [n for _, n in items], color=colour)
        axes.set_yticks(positions, [_label(text) for text, _ in items])
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_title(title, loc="left")
        return _data_uri(figure)
