"""Screenshots for people: every page of the single journey in Swedish, Arabic and Tigrinya, at phone and desktop
width, in one folder with an index.html that shows them side by side.

`make screenshots` runs only this file and writes to screenshots/; in `make test` it writes to
e2e/test-results/screenshots/. Each shot is a full page, so a page wider than the screen would show as a wider PNG,
and the test fails on it.
"""

from __future__ import annotations

import html
import struct
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from .journeys import part_two, single_journey, single_part_one, tasks_of

LANGUAGES = ["sv", "ar", "ti"]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def shots_dir(pytestconfig) -> Path:
    return Path(pytestconfig.getoption("--journey-shots")).absolute()


def _png_width(path: Path) -> int:
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


def _name(step: int, page: Page) -> str:
    path = urlparse(page.url).path.strip("/").split("/", 1)
    return f"{step:02d}-{(path[1] if len(path) > 1 else 'start').replace('/', '-')}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_of_the_journey(new_device, pytestconfig, lang, width):
    folder = shots_dir(pytestconfig) / width / lang
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    page = new_device(viewport=WIDTHS[width]).new_page()
    taken: list[Path] = []

    def shoot(p: Page) -> None:
        p.wait_for_load_state()
        path = folder / f"{_name(len(taken) + 1, p)}.png"
        p.screenshot(path=str(path), full_page=True)
        taken.append(path)

    single_journey(page, shoot, lang)
    # start, code, task list; every page, each section going on to the next, with the sensitive section's opening
    # page; check answers and the confirmation.
    tasks = tasks_of(single_part_one()) + tasks_of(part_two())
    assert len(taken) == 3 + sum(len(pages) for _, pages in tasks) + 1 + 2, [p.name for p in taken]
    wide = [p.name for p in taken if _png_width(p) != WIDTHS[width]["width"]]
    assert not wide, f"[{lang}] {width}: pages wider than the screen: {wide}"
    _write_index(shots_dir(pytestconfig))


def _write_index(root: Path) -> None:
    """A contact sheet: one row per step, one column per language, for each width (rewritten after each run)."""
    sections = []
    for width in WIDTHS:
        steps = sorted({p.name for lang in LANGUAGES for p in (root / width / lang).glob("*.png")})
        if not steps:
            continue
        head = "".join(f"<th>{lang}</th>" for lang in LANGUAGES)
        rows = "".join(
            f"<tr><th>{html.escape(step[:-4])}</th>"
            + "".join(
                f'<td><a href="{width}/{lang}/{step}"><img src="{width}/{lang}/{step}" alt="{lang} {step[:-4]}" '
                f'loading="lazy"></a></td>'
                if (root / width / lang / step).exists()
                else "<td></td>"
                for lang in LANGUAGES
            )
            + "</tr>"
            for step in steps
        )
        sections.append(f"<h2>{width}</h2><table><tr><th></th>{head}</tr>{rows}</table>")
    (root / "index.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Journey screenshots</title>"
        "<style>body{font-family:sans-serif}td,th{vertical-align:top;padding:4px}"
        "img{width:260px;border:1px solid #ccc}</style><h1>The applicant's journey: sv, ar, ti</h1>"
        + "".join(sections),
        encoding="utf-8",
    )
