"""The palette meets WCAG AA contrast in both colour schemes."""

from __future__ import annotations

import colorsys
import re

from conftest import REPO

CSS = (REPO / "docs/assets/stylesheets/portal.css").read_text(encoding="utf-8")
WHITE = (255, 255, 255)
# Material's slate background: hsla(var(--md-hue) = 225, 15%, 14%).
SLATE_BG = tuple(round(c * 255) for c in colorsys.hls_to_rgb(225 / 360, 0.14, 0.15))


def block(selector: str) -> dict[str, str]:
    body = re.search(re.escape(selector) + r"\s*\{(.*?)\}", CSS, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", body))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_light_scheme_contrast():
    light = block(":root > *")
    assert contrast(WHITE, rgb(light["--md-primary-fg-color"])) >= 4.5  # header text on primary
    assert contrast(rgb(light["--md-typeset-a-color"]), WHITE) >= 4.5  # links on the page
    assert contrast(rgb(light["--md-accent-fg-color"]), WHITE) >= 4.5  # hovered links


def test_dark_scheme_contrast():
    dark = block('[data-md-color-scheme="slate"]')
    assert contrast(WHITE, rgb(dark["--md-primary-fg-color"])) >= 4.5
    assert contrast(rgb(dark["--md-typeset-a-color"]), SLATE_BG) >= 4.5
    assert contrast(rgb(dark["--md-accent-fg-color"]), SLATE_BG) >= 4.5


def test_contrast_formula_catches_a_weak_pair():
    assert contrast((119, 119, 119), WHITE) < 4.5 < contrast((117, 117, 117), WHITE)
