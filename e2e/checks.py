"""Checks run on every page a journey visits; each finding is one line that names the language, the page and the
rule, so a failure says where to look without a rerun.

- axe-core (offline, axe-playwright-python) with the WCAG 2.0, 2.1 and 2.2 A and AA rules and axe's best practices.
- Target size (WCAG 2.2 2.5.8): every link, button, field and disclosure a person can tap is at least 24 by 24 CSS
  pixels, or is a link inside a sentence, or has room around it (the standard's own exceptions).
- Page weight: the page and everything it loads, gzip-compressed, from the browser's own network events, with the
  cache off, so every page is weighed as on a first visit. Every request must stay on the service's origin.
- Structure: one h1, a title that names the page and the service, a skip link to the main content, and the quick
  exit at the top of the screen.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Error, Page, Request

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices too (landmarks, heading order ...): not WCAG failures, but what a screen reader user trips on.
# axe ships its target-size rule (2.5.8, WCAG 2.2 AA) switched off: selecting its tag is not enough, it is named.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [*WCAG_22_AA, "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
PAGE_BUDGET_BYTES = 30 * 1024  # compressed, the page with everything it loads


def where(page: Page) -> str:
    """`[ar] /ar/q/household "title"`: the language, the path and the title of the page."""
    path = urlparse(page.url).path
    lang = path.strip("/").split("/")[0] or "?"
    return f'[{lang}] {path} "{page.title()}"'


def axe_violations(axe: Axe, page: Page) -> list[str]:
    """One line per violated rule on the current page: where, rule id, impact, count and a few targets."""
    page.wait_for_load_state()
    lines = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        targets = "; ".join(", ".join(n["target"]) for n in violation["nodes"][:5])
        kind = "WCAG" if set(violation["tags"]) & set(WCAG_22_AA) else "best practice"
        lines.append(
            f"{where(page)}: axe {violation['id']} ({kind}, {violation['impact']}) "
            f"x{len(violation['nodes'])}: {violation['help']} [{targets}]"
        )
    return lines


def structure_findings(page: Page, quick_exit: bool = True) -> list[str]:
    """The page's own landmarks a person relies on: one h1, a meaningful title, a working skip link; and the quick
    exit, on every page an applicant may see (staff pages have none: `quick_exit=False`)."""
    found = []
    h1s = page.get_by_role("heading", level=1).all_inner_texts()
    if len(h1s) != 1:
        found.append(f"{where(page)}: expected one h1, found {h1s}")
    title = page.title()
    if h1s and (h1s[0].strip() not in title or title.strip() == h1s[0].strip()):
        found.append(f"{where(page)}: the title should name the page ({h1s[0]!r}) and the service")
    # Principle 4: the quick exit is one tap away on every page, at the top, without scrolling.
    exit_link = page.locator("header a[data-quick-exit]")
    box = exit_link.bounding_box() if exit_link.count() == 1 else None
    if quick_exit and (box is None or box["y"] > 120 or box["height"] < 24):
        found.append(f"{where(page)}: no quick exit at the top of the page ({box})")
    skip = page.locator("a.skip-link")
    if skip.count() != 1 or skip.get_attribute("href") != "#main" or page.locator("main#main").count() != 1:
        found.append(f"{where(page)}: no skip link to <main id=main>")
    return found


MIN_TARGET_PX = 24  # WCAG 2.2 2.5.8 (AA)

# Every visible target smaller than 24 x 24 CSS px that none of 2.5.8's exceptions covers:
# - inline: a link in a sentence, whose height is set by the line of text around it;
# - spacing: a 24 px circle on the target's centre touches no other target and no other small target's circle.
# Hidden targets (display none, a closed disclosure's content, off screen like the skip link) are not targets.
_SMALL_TARGETS = """(min) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], ' +
                   '[role=link], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(selector)].filter(el => {
    const r = el.getBoundingClientRect();
    return el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}) &&
           r.width > 0 && r.height > 0 && r.right + window.scrollX > 0 && r.bottom + window.scrollY > 0;
  }).map(el => ({el, r: el.getBoundingClientRect()}));
  const inSentence = el => {
    if (!getComputedStyle(el).display.startsWith('inline')) return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    // A sentence: words of plain text in the same block, not only other links (a row of links is no sentence).
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (/\\p{L}/u.test(text.data) && !text.parentElement.closest(selector)) return true;
    }
    return false;
  };
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const toRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const small = targets.filter(t => (t.r.width < min || t.r.height < min) && !inSentence(t.el));
  return small.filter(t => {
    const c = centre(t.r);
    const crowded = targets.some(o => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) && (
      toRect(c, o.r) < min / 2 ||
      (small.includes(o) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < min)));
    return crowded;
  }).map(t => `${t.el.tagName.toLowerCase()} "${(t.el.innerText || t.el.name || '').trim().slice(0, 40)}" ` +
              `${Math.round(t.r.width)}x${Math.round(t.r.height)}`);
}"""


def target_size_findings(page: Page) -> list[str]:
    """Targets under 24 x 24 CSS px with other targets too close (WCAG 2.2 2.5.8), on the screen as it is now."""
    return [
        f"{where(page)}: target too small and crowded: {small}"
        for small in page.evaluate(_SMALL_TARGETS, MIN_TARGET_PX)
    ]


# For each error in the summary: its link, the field it points to, and the field's own description (what a screen
# reader says on reaching the field). A radio or checkbox is described through its fieldset.
_ERROR_LINKS = """() => [...document.querySelectorAll('[role=alert] a[href^="#"]')].map(a => {
  const target = document.getElementById(a.getAttribute('href').slice(1));
  const holder = target && ['radio', 'checkbox'].includes(target.type) ? target.closest('fieldset') : target;
  const ids = ((holder && holder.getAttribute('aria-describedby')) || '').split(' ').filter(Boolean);
  return {link: a.textContent.trim(), target: !!target,
          description: ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ')};
})"""


def error_findings(page: Page) -> list[str]:
    """Every error in the summary links to its field, and that field is described by the same message."""
    errors = page.evaluate(_ERROR_LINKS)
    if not errors:
        return [f"{where(page)}: expected an error summary with links to the fields"]
    found = []
    for error in errors:
        message = re.sub(r"^\d+\.\d+\s+", "", error["link"])  # less the question's number, if it has one
        if not error["target"]:
            found.append(f"{where(page)}: the error {error['link']!r} links to no field")
        elif message not in error["description"]:
            found.append(f"{where(page)}: the field of {error['link']!r} is not described by its error")
    return found


@dataclass
class Load:
    url: str
    kind: str  # Playwright's resource type: document, stylesheet, script, ...
    compressed_bytes: int = 0


@dataclass
class Visit:
    """One page as a person opens it: the navigation (a POST and its redirect count as one) and all it loads."""

    url: str
    loads: list[Load] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urlparse(self.url).path

    @property
    def total(self) -> int:
        return sum(load.compressed_bytes for load in self.loads)

    def describe(self) -> str:
        return ", ".join(f"{load.kind} {urlparse(load.url).path} {load.compressed_bytes} B" for load in self.loads)


@dataclass
class NetworkLog:
    """Every request a page makes, grouped by the navigation it belongs to and weighed when it finishes.

    Grouping happens as requests start, in the browser's order, so a late "finished" event still lands on its page.
    """

    origin: str
    visits: list[Visit] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    _open: dict[int, Load] = field(default_factory=dict)

    def attach(self, context: BrowserContext, page: Page) -> None:
        # Chromium's own switch: the cache off, so each page is weighed with everything it loads.
        context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.on("request", self._started)
        page.on("requestfinished", self._finished)

    def _started(self, request: Request) -> None:
        if request.url.startswith("data:"):
            return  # inline, already counted in its document
        parsed = urlparse(request.url)
        if f"{parsed.scheme}://{parsed.netloc}" != self.origin:
            self.foreign.append(request.url)
        redirected = request.redirected_from is not None
        if (request.is_navigation_request() and not redirected) or not self.visits:
            self.visits.append(Visit(request.url))
        elif request.is_navigation_request():
            self.visits[-1].url = request.url  # where the redirect lands names the page
        load = Load(request.url, request.resource_type)
        self.visits[-1].loads.append(load)
        self._open[id(request)] = load

    def _finished(self, request: Request) -> None:
        load = self._open.pop(id(request), None)
        if load is None:
            return
        response = request.response()
        try:
            body = response.body() if response is not None else b""
        except Error:  # Playwright's error: a redirect has no body to read; its headers are all it costs
            body = b""
        encoded = response is not None and response.header_value("content-encoding")
        headers = request.sizes()
        load.compressed_bytes = (
            (len(body) if encoded else len(gzip.compress(body, 6)))
            + headers["requestHeadersSize"]
            + headers["responseHeadersSize"]
        )


def weight_findings(lang: str, visits: list[Visit], budget: int = PAGE_BUDGET_BYTES) -> list[str]:
    return [
        f"[{lang}] {visit.path}: weighs {visit.total} B compressed, over the budget of {budget} B ({visit.describe()})"
        for visit in visits
        if visit.total > budget
    ]
