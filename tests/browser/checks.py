"""The browser tests' checkers: axe-core for WCAG 2.1 A and AA, the Nu Html Checker for HTML, and the keyboard."""

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Where `make test` and `make test-browser` install npm's vnu-jar; git ignores .venv.
VNU_JAR = Path(__file__).resolve().parents[2] / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

_axe = Axe()


def axe_violations(page, not_ours=()):
    """Each WCAG 2.1 A or AA rule that axe-core finds broken on the page, one line per element that breaks it.

    `not_ours` holds (rule, container) pairs: that rule broken by an element inside that container is left out."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {', '.join(map(str, node['target']))}: "
        f"{node['html'][:300]}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
        if not _inside(page, node["target"], [container for rule, container in not_ours if rule == violation["id"]])
    ]


def _inside(page, target, containers):
    if not containers or len(target) != 1:  # a target in a frame or a shadow root is a list of selectors
        return False
    return page.evaluate(
        "([target, containers]) => containers.some(c => document.querySelector(target)?.closest(c))",
        [target[0], containers],
    )


class HtmlChecker:
    """The Nu Html Checker as a service on the loopback: Java starts once for the whole run, not once a page."""

    def __init__(self, jar=VNU_JAR, timeout=90):
        if not Path(jar).is_file():
            raise FileNotFoundError(f"No Nu Html Checker at {jar}: `make test` and `make test-browser` install it.")
        java = shutil.which("java")
        if not java:
            raise FileNotFoundError("No `java` on PATH: the Nu Html Checker needs a Java runtime.")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/?out=json"
        self.process = subprocess.Popen(
            [
                java,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.messages("<!doctype html><html lang=en><title>ready?</title>")
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"The Nu Html Checker did not start on port {port}.") from None
                time.sleep(0.25)

    def messages(self, html):
        request = urllib.request.Request(
            self.url, data=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["messages"]

    def errors(self, html, ignore=()):
        """The checker's errors on `html`, one line each; warnings and notes are left out, and so are messages
        that start with one of `ignore`."""
        return [
            f"line {message.get('lastLine')}: {message['message']} — {message.get('extract', '').strip()!r}"
            for message in self.messages(html)
            if message["type"] == "error" and not message["message"].startswith(tuple(ignore))
        ]

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


PHONE = {"width": 375, "height": 812}


def sideways_scroll(page):
    """How far the page scrolls sideways on a phone's screen, 375 pixels wide: 0 when it fits."""
    page.set_viewport_size(PHONE)
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollWidth"
        " - Math.min(document.documentElement.clientWidth, window.innerWidth))"
    )


# The element that has the focus, with what shows it; null when the focus is on no element of the page.
_FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  window.__tabOrder ??= new WeakMap();
  if (!window.__tabOrder.has(element)) window.__tabOrder.set(element, window.__tabOrder.n = (window.__tabOrder.n || 0) + 1);
  const style = getComputedStyle(element);
  const text = (element.getAttribute('aria-label') || element.textContent || element.value || '').trim().replace(/\\s+/g, ' ');
  return {
    id: window.__tabOrder.get(element),
    name: `<${element.tagName.toLowerCase()}${element.id ? ' id=' + element.id : ''}${element.className && typeof element.className === 'string' ? ' class=' + element.className : ''}> ${text.slice(0, 60)}`,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""

# What a keyboard user can reach with Tab; a bound on how many presses one round of the page may take.
_TABBABLE = """() => document.querySelectorAll(
  'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [contenteditable], [tabindex]'
).length"""


class KeyboardProblem(AssertionError):
    pass


def focused(page):
    return page.evaluate(_FOCUSED)


def press_tab(page):
    """Tab once; the element it focused, which must show that it has the focus."""
    page.keyboard.press("Tab")
    element = focused(page)
    if element and not (element["outline"] or element["shadow"]):
        raise KeyboardProblem(f"The focus does not show on {element['name']}: no outline and no box-shadow.")
    return element


def tab_to(page, selector, limit=400):
    """Tab, and only Tab, until the element matching `selector` has the focus; the focus must show at each step."""
    for _ in range(limit):
        press_tab(page)
        if page.evaluate("s => document.activeElement?.matches(s)", selector):
            return
    raise KeyboardProblem(f"{limit} presses of Tab never reached {selector}.")


def tab_round(page, spare=10):
    """Tab from the top of the page until the focus leaves it or comes back to where it began; the elements it
    visited, in order. Fails when neither happens within one press per focusable element, plus `spare`:
    the focus is trapped."""
    limit = page.evaluate(_TABBABLE) + spare
    visited = []
    for _ in range(limit):
        element = press_tab(page)
        if element is None or (visited and element["id"] == visited[0]["id"]):
            return visited
        visited.append(element)
    stuck = ", ".join(element["name"] for element in visited[-3:])
    raise KeyboardProblem(f"The focus is trapped: {limit} presses of Tab never left the page (last on {stuck}).")
