"""Static guarantees of the extension's source: no markup sinks, narrow permissions."""

import json
import re
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "extension"
OWN_CODE = ("background", "content", "popup", "options", "shared")
# Ways a string becomes markup or code.
SINKS = re.compile(
    r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\("
    r"|createContextualFragment|DOMParser"
)


def own_sources():
    files = [p for d in OWN_CODE for p in sorted((EXTENSION / d).rglob("*.js"))]
    assert files, "no extension sources found"
    return files


@pytest.mark.parametrize("path", own_sources(), ids=lambda p: str(p.relative_to(EXTENSION)))
def test_no_markup_sinks(path):
    hits = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SINKS.search(line)
    ]
    assert hits == []


def test_manifest_serves_both_browsers_with_narrow_permissions():
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    background = manifest["background"]
    assert background["service_worker"] == "background/service-worker.js"
    assert background["scripts"] == ["background/service-worker.js"]
    gecko = manifest["browser_specific_settings"]["gecko"]
    assert gecko["id"] and gecko["strict_min_version"]
    assert manifest["permissions"] == ["storage"]
    assert manifest["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "externally_connectable" not in manifest  # web pages cannot message the extension
    assert "web_accessible_resources" not in manifest
