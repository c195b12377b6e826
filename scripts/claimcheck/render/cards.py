"""Share cards: one small PNG per claim, drawn at build time, for link previews (og:image).

A shared claim link should carry the finding, not only the clinic's words: the card shows
the verdict first, then the claim as the site states it, then the article it comes from.
Drawn offline with Pillow in Source Sans Pro (SIL Open Font Licence), which the locked
PyPI package font-source-sans-pro installs with the project on any system (nothing is
fetched, no system font is needed), 1200 x 630 px as link previews expect, in a 32-colour
palette so each stays well under 60 KB.

Cards are cached by content: a card's file name in the cache is the hash of everything
drawn on it (and of this module's LOOK), so a build draws only the cards whose claim,
verdict or article changed since any earlier build and copies the rest.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from . import titles, vocabulary

FONT_PACKAGE = "font_source_sans_pro"  # PyPI font-source-sans-pro, in the lock
REGULAR, BOLD = "SourceSansPro-Regular.ttf", "SourceSansPro-Bold.ttf"
SIZE = (1200, 630)
LOOK = "4"  # change to draw every cached card again after changing how cards look
COLOURS = {  # band, text on the band: the verdict badges' colours
    "better": ("#1b5e20", "#ffffff"),
    "middle": ("#6d4200", "#ffffff"),
    "worse": ("#8a1c1c", "#ffffff"),
}
INK, PAPER = "#212121", "#ffffff"


class CardFontMissing(RuntimeError):
    """The cards' font is not installed."""


@dataclass(frozen=True)
class Card:
    claim_id: str
    verdict: str
    words: str     # the claim as the site states it
    lead: str      # "Claimed by" (a publisher) or "Claimed in" (an article's title)
    article: str   # the article's name (titles.article_name)
    site: str      # the site's name

    def key(self) -> str:
        """The hash of everything drawn on the card: its name in the cache."""
        text = "\0".join((LOOK, self.verdict, self.words, self.lead, self.article, self.site))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def card_path(claim_id: str) -> str:
    """Where a claim's card is published, below the site root."""
    return f"cards/{claim_id}.png"


def font_dir() -> Path:
    """The folder of the cards' font files, inside the installed font package."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec and spec.origin:
        folder = Path(spec.origin).parent / "files"
        if (folder / REGULAR).is_file() and (folder / BOLD).is_file():
            return folder
    raise CardFontMissing(
        "the share cards need the Source Sans Pro font of the PyPI package font-source-sans-pro, "
        "which is not installed; run scripts/setup.sh (it installs the locked dependencies) "
        "and build again")


def cards_for(catalog, site_name: str) -> list[Card]:
    sources = catalog.by_id("sources")
    return [Card(c.id, c.verdict, " ".join(c.statement.split()),
                 "Claimed by" if sources[c.source].publisher else "Claimed in",
                 titles.article_name(sources[c.source]), site_name)
            for c in catalog.claims if c.source in sources]


def page_card(page_path: str, site_url: str) -> str:
    """The absolute address of a generated page's card ('' for a page without one, or
    without a site address: link previews need an absolute address)."""
    if not (site_url and page_path.startswith("claims/") and page_path.endswith(".md")
            and page_path.count("/") == 1 and page_path != "claims/index.md"):
        return ""
    return urljoin(site_url.rstrip("/") + "/", card_path(page_path[len("claims/"):-3]))


class Fonts:
    """The fonts at the sizes a card uses, loaded once per build."""

    def __init__(self, folder: Path):
        from PIL import ImageFont

        self.verdict = ImageFont.truetype(str(folder / BOLD), 64)
        self.words = {n: ImageFont.truetype(str(folder / REGULAR), n) for n in (46, 40, 34)}
        self.small = ImageFont.truetype(str(folder / REGULAR), 28)
        self.small_bold = ImageFont.truetype(str(folder / BOLD), 28)


def _wrap(pen, text: str, font, width: int) -> list[str]:
    """Greedy line breaking by the drawn width of the words."""
    lines: list[str] = []
    for word in text.split():
        if lines and pen.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _fit(pen, text: str, fonts: Fonts, width: int, height: int):
    """The largest size at which the claim's words fit the box, and their lines (the last
    cut with an ellipsis at the smallest size if they still do not fit)."""
    for size in (46, 40, 34):
        font, line_height = fonts.words[size], int(size * 1.3)
        lines = _wrap(pen, text, font, width)
        if len(lines) * line_height <= height:
            return font, lines, line_height
    kept = lines[: height // line_height]
    last = kept[-1]
    while pen.textlength(last + " …", font=font) > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(",;:.") + " …"
    return font, kept, line_height


def _fitting(pen, text: str, font, width: int) -> str:
    """The text cut with an ellipsis to fit ``width`` pixels on one line."""
    if pen.textlength(text, font=font) <= width:
        return text
    while " " in text and pen.textlength(text + " …", font=font) > width:
        text = text.rsplit(" ", 1)[0]
    return text.rstrip(",;:.") + " …"


LEVELS = 16  # shades between a region's background and its text colour
BAND = 130   # height of the verdict's band


def _shades(back: str, fore: str) -> list[int]:
    """LEVELS palette entries from ``back`` to ``fore`` (RGB, flattened)."""
    a = [int(back[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(fore[i:i + 2], 16) for i in (1, 3, 5)]
    return [round(a[c] + (b[c] - a[c]) * k / (LEVELS - 1)) for k in range(LEVELS) for c in range(3)]


def draw(card: Card, fonts: Fonts) -> bytes:
    """The card as PNG bytes: the verdict on a band of its colour with the site's name, the
    claim as the site states it (not in quotation marks: these are not the article's own
    words), then the article.

    Each region is drawn in grey levels (text on its background, anti-aliased) and its grey
    levels mapped onto 16 shades between the region's two colours: a 32-colour palette PNG
    without quantizing, which took half of each card's time."""
    import io

    from PIL import Image, ImageDraw

    band_colour, on_band = COLOURS[vocabulary.VERDICT_TONE[card.verdict]]
    band = Image.new("L", (SIZE[0], BAND), 0)  # 0 = band colour, 255 = its text colour
    pen = ImageDraw.Draw(band)
    # the label alone: the verdict icons (✔ ⬆ ⚠ ⇄ ✘) are not in the card's font
    verdict = vocabulary.VERDICT_LABELS[card.verdict]
    pen.text((60, 65), verdict, font=fonts.verdict, fill=255, anchor="lm")
    site = _fitting(pen, card.site, fonts.small, 420)
    pen.text((SIZE[0] - 60, 65), site, font=fonts.small, fill=255, anchor="rm")

    body = Image.new("L", (SIZE[0], SIZE[1] - BAND), 0)  # 0 = paper, 255 = ink
    pen = ImageDraw.Draw(body)
    font, lines, line_height = _fit(pen, card.words, fonts, SIZE[0] - 120, 340)
    y = 170 - BAND
    for line in lines:
        pen.text((60, y), line, font=font, fill=255)
        y += line_height
    pen.line((60, 530 - BAND, SIZE[0] - 60, 530 - BAND), fill=50, width=2)
    pen.text((60, 575 - BAND), card.lead, font=fonts.small, fill=170, anchor="lm")  # quieter
    label = pen.textlength(card.lead + " ", font=fonts.small)
    article = _fitting(pen, card.article, fonts.small_bold, SIZE[0] - 120 - int(label))
    pen.text((60 + label, 575 - BAND), article, font=fonts.small_bold, fill=255, anchor="lm")

    step = 256 // LEVELS
    image = Image.new("P", SIZE)
    image.putpalette(_shades(band_colour, on_band) + _shades(PAPER, INK))
    image.paste(band.point(lambda v: v // step), (0, 0))
    image.paste(body.point(lambda v: LEVELS + v // step), (0, BAND))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write_cards(catalog, site_name: str, site_dir: str, cache_dir: str) -> tuple[int, int]:
    """Write every claim's card into ``site_dir``/cards, drawing only those not cached in
    ``cache_dir``; returns (drawn, copied from the cache)."""
    cards = cards_for(catalog, site_name)
    fonts = None
    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    out = Path(site_dir) / "cards"
    out.mkdir(parents=True, exist_ok=True)
    drawn = copied = 0
    for card in cards:
        cached = cache / f"{card.key()}.png"
        if not cached.is_file():
            fonts = fonts or Fonts(font_dir())
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(draw(card, fonts))
            os.replace(partial, cached)  # never a half-written card in the cache
            drawn += 1
        else:
            copied += 1
        target = out / f"{card.claim_id}.png"
        try:
            os.link(cached, target)  # same disk: no copy at all
        except OSError:
            shutil.copyfile(cached, target)
    return drawn, copied
