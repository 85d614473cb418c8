"""`sourcemark corpus report OUT`: the sourcing profile, printed and written as one
self-contained HTML page (templates/report.html; no script, no network: the charts are
SVG images inside the page)."""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader

from .. import __version__
from ..contract import BREAKDOWN_KEYS
from . import charts
from .inputs import InputError
from .profile import ALL, FORMULA_TYPES, Group, Profile, build_profile

MAX_LINES = 10  # outlets drawn as lines over time; more would not be legible


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def _tone(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _period(profile: Profile) -> str:
    if not profile.months:
        return "no dated articles"
    return f"{profile.months[0].key} to {profile.months[-1].key}"


def _share_table(groups: list[Group], first: str) -> list[str]:
    width = max([len(first), *(len(g.key[:32]) for g in groups)])
    header = [first.ljust(width), "articles"] + [charts.LABELS[k] for k in BREAKDOWN_KEYS]
    lines = ["  ".join([*header, "tone: outlet", "sources"])]
    for g in groups:
        cells = [g.key[:32].ljust(width), str(g.articles).rjust(8)]
        cells += [_percent(g.share[k]).rjust(len(charts.LABELS[k])) for k in BREAKDOWN_KEYS]
        cells += [_tone(g.tone_outlet).rjust(12), _tone(g.tone_sources).rjust(7)]
        lines.append("  ".join(cells))
    return lines


def render_text(profile: Profile) -> str:
    lines = [
        f"Sourcing profile: {profile.articles} articles, {len(profile.outlets) - 1} outlets, "
        f"{_period(profile)}; {profile.bad_rows} bad rows",
        "",
        "Share of text by source type (characters), per outlet",
        *_share_table(profile.outlets, "outlet"),
        "",
        f"By month, all outlets ({profile.undated} articles without a date left out)",
        *_share_table(profile.months, "month"),
        "",
        "Most cited named sources (articles citing them)",
        *(f"  {n:6d}  {name} ({charts.LABELS[kind]})" for name, kind, n in profile.named),
    ]
    for kind in FORMULA_TYPES:
        lines += ["", f"Most frequent {kind} formulas (times used)"]
        lines += [f"  {n:6d}  {formula}" for formula, n in profile.formulas[kind]]
    lines += ["", "Per outlet: top named sources; anonymous and vague formulas"]
    for outlet, top in profile.top_by_outlet.items():
        lines.append(f"  {outlet}")
        for key, items in top.items():
            listed = "; ".join(f"{text} ({n})" for text, n in items) or "—"
            lines.append(f"    {key}: {listed}")
    return "\n".join(lines) + "\n"


def render_html(profile: Profile, title: str) -> str:
    """The page; every piece of text from the data goes through Jinja's autoescaping."""
    env = Environment(
        loader=PackageLoader("sourcemark.corpus"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    outlets = [g.key for g in profile.outlets[1 : MAX_LINES + 1]]
    return env.get_template("report.html").render(
        profile=profile,
        title=title,
        period=_period(profile),
        version=__version__,
        labels=charts.LABELS,
        colours=charts.COLOURS,
        keys=BREAKDOWN_KEYS,
        all=ALL,
        percent=_percent,
        tone=_tone,
        formula_types=FORMULA_TYPES,
        outlet_chart=charts.shares_by_group(profile.outlets, "Share of text by source type", True),
        month_chart=profile.months
        and charts.shares_by_group(profile.months, "All outlets, by month", False),
        voice_chart=len(profile.months) > 1
        and charts.own_voice_over_time(profile.own_voice, outlets),
        named_chart=profile.named
        and charts.top_counts(
            [(name, n) for name, _, n in profile.named],
            "Named sources: articles citing them",
            charts.COLOURS["named_person"],
        ),
        formula_charts={
            kind: profile.formulas[kind]
            and charts.top_counts(
                profile.formulas[kind],
                f"{kind.capitalize()} formulas: times used",
                charts.COLOURS[kind],
            )
            for kind in FORMULA_TYPES
        },
    )


def main(args) -> int:
    """`sourcemark corpus report`."""
    try:
        profile = build_profile(args.out, top=args.top)
    except InputError as error:
        print(f"sourcemark: {error}", file=sys.stderr)
        return 2
    if not profile.articles:
        print(f"sourcemark: {args.out}: no article rows to report on", file=sys.stderr)
        return 1
    sys.stdout.write(render_text(profile))
    sys.stdout.flush()
    page = Path(args.html) if args.html else Path(args.out) / "_report.html"
    page.write_text(render_html(profile, title=str(args.out)), encoding="utf-8")
    print(f"wrote {page}", file=sys.stderr)
    return 0
