"""Hands that use the keyboard alone: Tab and Shift+Tab to move, Space to tick or choose, Enter to follow a link or
press a button, and the arrow keys inside a radio group (where Tab moves on to the next question, as in every
browser). After every key the focused element must show a visible focus indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page

from .pages import Answer, QuestionPage

MAX_TABS = 150  # more stops than any page has: reaching it means the target is not in the tab order

# What a sighted keyboard user sees of the focused element: an outline of at least 2px, or a box shadow.
_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body', visible: true};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), name: el.name || '', type: el.type || '',
          text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
          visible: (outline || shadow || el.id === 'main') && box.width > 0 && box.height > 0};
}"""


@dataclass
class Keyboard:
    page: Page
    presses: int = 0
    focus_findings: list[str] = field(default_factory=list)

    def key(self, key: str) -> dict:
        self.page.keyboard.press(key)
        self.presses += 1
        state = self.page.evaluate(_FOCUS_STATE)
        if not state["visible"]:
            path = urlparse(self.page.url).path
            self.focus_findings.append(f"{path}: no visible focus on <{state['tag']}> {state['text']!r} after {key}")
        return state

    def is_focused(self, target: Locator) -> bool:
        return target.evaluate("el => el === document.activeElement")

    def _is_before_focus(self, target: Locator) -> bool:
        return target.evaluate("""el => {
          const focused = document.activeElement;
          if (!focused || focused === document.body || focused === el) return false;
          return !!(el.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")

    def tab_to(self, target: Locator, until=None) -> None:
        """Tab (or Shift+Tab, when the target comes before the focus) until the target, or `until(state)`, holds."""
        backwards = self._is_before_focus(target)
        for _ in range(MAX_TABS):
            state = self.key("Shift+Tab" if backwards else "Tab")
            if until(state) if until else self.is_focused(target):
                return
        raise AssertionError(f"{urlparse(self.page.url).path}: the keyboard never reached {target}")

    # The two methods the journeys call (see e2e.journeys.Mouse) --------------------------------------------

    def press(self, target: Locator) -> None:
        self.tab_to(target)
        self.page.keyboard.press("Enter")  # follows the link or sends the form: the next page has its own focus
        self.presses += 1

    def tick(self, target: Locator) -> None:
        self.tab_to(target)
        if not target.is_checked():
            self.key("Space")
        assert target.is_checked(), f"{target} is not ticked"

    def answer(self, question: QuestionPage, answers: dict[str, Answer]) -> None:
        for target, text in question.targets(answers):
            if text is not None:
                self.tab_to(target)
                self.page.keyboard.type(text)
            elif target.get_attribute("type") == "radio":
                self._choose(target)
            else:
                self.tab_to(target)
                if not target.is_checked():
                    self.key("Space")
            assert text is not None or target.is_checked(), f"{target} is not selected"

    def _choose(self, radio: Locator) -> None:
        """Tab into the radio group (focus lands on its checked or first radio), then arrow to the option."""
        name = radio.get_attribute("name")
        self.tab_to(radio, until=lambda state: state["type"] == "radio" and state["name"] == name)
        for _ in range(20):
            if self.is_focused(radio):
                break
            self.key("ArrowDown")
        self.key("Space")
