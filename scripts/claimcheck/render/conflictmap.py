"""The conflict map: conflicts laid out at build time by Graphviz into static, linked SVG.

Why static SVG: a client-side renderer (mermaid) weighed 3.6 MB of script and drew one
wide diagram a phone could not read. Here the map is split by topic, so each diagram holds
a handful of claims; each is laid out by ``dot`` twice (left to right, top to bottom) and
the narrower layout is kept, so most fit a 390 px phone without shrinking their text.

Labels are the claim's own words (shortened), its verdict and its article, never an id;
every box links to its claim page. ``dot`` escapes label text for XML itself; the tests
parse the result with an XML parser to hold it to that.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import textwrap
import time
from dataclasses import dataclass

from markupsafe import Markup

from .. import naming
from . import titles, vocabulary
from .escape import h

DOT = "dot"
WRAP = 20            # characters per label line
MAX_WORDS = 70       # characters of the claim's words before an ellipsis
FONT = "Helvetica,Arial,sans-serif"
TONES = {  # fill, line, text: the same colours as the verdict badges
    "better": ("#e8f5e9", "#1b5e20", "#0f3d13"),
    "middle": ("#fff3e0", "#6d4200", "#4a2d00"),
    "worse": ("#fdecea", "#8a1c1c", "#5f1010"),
}
# A map a person can follow, laid out in bounded time: a topic with more claims or conflicts
# than this, or a layout slower than this, is not drawn; its conflicts are still listed.
MAX_MAP_CLAIMS = 60
MAX_MAP_CONFLICTS = 120
LAYOUT_SECONDS = 20.0        # one run of dot
ALL_LAYOUTS_SECONDS = 60.0   # every map of one build
# A phone's column at 390 px is 358 px wide; a map wider than this gets a second, narrow
# rendering for phones: shorter lines, the article's short name, twin frames stacked.
PHONE_WIDTH = 350
NARROW_WRAP = 13
NARROW_WORDS = 56
EDGE_STYLE = {"contradiction": 'style=solid penwidth=2 color="#8a1c1c"',
              "tension": 'style=dashed penwidth=1.6 color="#6d4200"'}


class LayoutToolMissing(RuntimeError):
    """Graphviz's ``dot`` is not installed, so the conflict map cannot be laid out."""


@dataclass(frozen=True)
class Node:
    claim_id: str
    words: str      # the claim's statement
    verdict: str
    article: str    # the article's name (naming.article_name)
    href: str       # relative URL of the claim page
    short: str = "" # the article's short name, for a phone's map (naming.short_article_name)


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    kind: str       # contradiction or tension


@dataclass(frozen=True)
class Diagram:
    key: str        # topic id, for the anchor
    title: str      # topic title
    svg: Markup
    claims: int
    conflicts: int
    narrow: Markup = Markup("")  # a phone's rendering, when svg is wider than PHONE_WIDTH


def shorten(words: str, limit: int = MAX_WORDS) -> str:
    """The claim's words on one line, cut at a word boundary with an ellipsis (titles.shorten,
    as link previews are cut)."""
    return titles.shorten(" ".join(words.split()), limit)


def dot_string(text: str) -> str:
    """A double-quoted DOT string that reads as exactly this text.

    Backslashes are doubled first, so dot's own escapes (\\N, \\G, \\l...) cannot be formed
    from catalog text; quotes are escaped; line breaks become spaces. ``&`` is written
    ``&amp;``: dot passes character references through to the SVG, where ``&#x202E;``
    would become a real direction override (and ``&lt;b&gt;`` a shown ``<b>``)."""
    text = " ".join(str(text).split()).replace("&", "&amp;")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label(node: Node, narrow: bool = False) -> str:
    """The box's text: the claim's words on a few lines, then its verdict, then its article
    (on a phone's map: fewer words on shorter lines, and the article's short name)."""
    verdict = f"{vocabulary.VERDICT_ICONS[node.verdict]} {vocabulary.VERDICT_LABELS[node.verdict]}"
    wrap, words = (NARROW_WRAP, NARROW_WORDS) if narrow else (WRAP, MAX_WORDS)
    article = (node.short or node.article) if narrow else node.article
    lines = (textwrap.wrap(shorten(node.words, words), wrap, break_long_words=False) or [""]) + \
        [verdict] + textwrap.wrap(article, wrap + (0 if narrow else 4), break_long_words=False)
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def twins(nodes: list[Node], edges: list[Edge]) -> list[list[str]]:
    """Groups of two or more claims that conflict with exactly the same claims in the same
    way: each group is drawn as one frame with one line per neighbour, where each claim
    would otherwise draw its own (one claim against seven, four times over, was 28 crossing
    lines). Claims alone in their group are left out."""
    seen: dict[str, set] = {n.claim_id: set() for n in nodes}
    for e in edges:
        seen[e.a].add((e.b, e.kind))
        seen[e.b].add((e.a, e.kind))
    by_signature: dict[frozenset, list[str]] = {}
    for claim_id, signature in seen.items():
        if signature:
            by_signature.setdefault(frozenset(signature), []).append(claim_id)
    return [group for group in by_signature.values() if len(group) > 1]


def dot_source(nodes: list[Node], edges: list[Edge], rankdir: str, narrow: bool = False) -> str:
    """The DOT text of one diagram; node names are n0, n1... (never shown). Twin claims
    (see twins) sit in one dashed frame, and a line to the frame stands for a line to each:
    side by side, or on a phone's map (narrow) one above the other."""
    names = {n.claim_id: f"n{i}" for i, n in enumerate(nodes)}
    groups = twins(nodes, edges)
    cluster = {claim_id: f"cluster_g{i}" for i, group in enumerate(groups) for claim_id in group}
    head = {claim_id: group[0] for group in groups for claim_id in group}  # a frame's first claim
    out = ["graph conflicts {",
           f'  graph [rankdir={rankdir} nodesep={0.12 if narrow else 0.15} '
           f'ranksep={0.25 if narrow else 0.3} pad=0.05 bgcolor="transparent" '
           "compound=true]",
           f'  node [shape=box style="rounded,filled" fontname="{FONT}" fontsize=11 margin="0.08,0.05"]',
           "  edge [dir=none]"]
    for n in nodes:
        fill, line, text = TONES[vocabulary.VERDICT_TONE[n.verdict]]
        out.append(f"  {names[n.claim_id]} [label={label(n, narrow)} href={dot_string(n.href)} "
                   f'fillcolor="{fill}" color="{line}" fontcolor="{text}"]')
    for i, group in enumerate(groups):
        members = " ".join(names[c] for c in group)
        out.append(f"  subgraph cluster_g{i} {{ style=\"rounded,dashed\" color=\"#546e7a\" "
                   f'label={dot_string(f"each of these {len(group)}")} fontname="{FONT}" '
                   f'fontsize=10 fontcolor="#37474f" ' +
                   (f"{' -- '.join(names[c] for c in group)} [style=invis] }}"
                    if narrow and rankdir == "TB" else f"{{ rank=same; {members} }} }}"))
    drawn = set()
    for e in edges:
        a, b = head.get(e.a, e.a), head.get(e.b, e.b)
        if (a, b, e.kind) in drawn or (b, a, e.kind) in drawn:
            continue
        drawn.add((a, b, e.kind))
        ends = "".join(f" {side}={cluster[c]}" for side, c in (("ltail", a), ("lhead", b))
                       if c in cluster)
        out.append(f"  {names[a]} -- {names[b]} [{EDGE_STYLE.get(e.kind, EDGE_STYLE['contradiction'])}"
                   f"{ends}]")
    out.append("}")
    return "\n".join(out) + "\n"


def dot_path() -> str:
    path = shutil.which(DOT)
    if not path:
        raise LayoutToolMissing(
            "the conflict map needs Graphviz's 'dot', which is not installed; install it "
            "with 'apt-get install graphviz' (scripts/setup.sh does this) and build again")
    return path


@functools.lru_cache(maxsize=512)
def run_dot(source: str, timeout: float = LAYOUT_SECONDS) -> str:
    """SVG text for DOT source. Cached: ``mkdocs serve`` rebuilds the same diagrams often.
    Raises subprocess.TimeoutExpired after ``timeout`` seconds."""
    done = subprocess.run([dot_path(), "-Tsvg"], input=source, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.strip()}")
    return done.stdout


_WIDTH = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_DROP = [re.compile(p, re.S) for p in (r"<\?xml.*?\?>\s*", r"<!DOCTYPE.*?>\s*", r"<!--.*?-->\s*",
                                        r"<title>[^<]*</title>\s*")]


_XTITLE = re.compile(r' xlink:title="[^"]*"')
_ID = re.compile(r' id="')


_SHOWN_WIDTH = re.compile(r'<svg class="cc-map" width="(\d+)"')


def width_of(svg: str) -> int:
    """The width in CSS pixels of a map as clean() leaves it (0 for a sentence)."""
    found = _SHOWN_WIDTH.search(str(svg))
    return int(found.group(1)) if found else 0


def width(svg: str) -> float:
    found = _WIDTH.search(svg)
    return float(found.group(1)) if found else 0.0


def clean(svg: str, title: str, prefix: str = "") -> Markup:
    """SVG ready to sit inline in HTML: no XML prologue or comments, no node-name titles
    (they would be read out as 'n3'), sized in CSS pixels (1 unit = 1 px, so 11-unit text
    is 11 px) and named for assistive technology. Every map's ids start with ``prefix``:
    dot names each map's parts graph0, node1, edge1... again, and one page holds them all."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = _ID.sub(f' id="{prefix}', svg)
    svg = _WIDTH.sub(lambda m: f'<svg class="cc-map" width="{float(m.group(1)):.0f}" '
                               f'height="{float(m.group(2)):.0f}" role="group" '
                               f'aria-label="{h(title)}"', svg, count=1)
    # dot writes xlink:href; plain href is what HTML's inline SVG reads first
    svg = _XTITLE.sub("", svg.replace("xlink:href=", "href="))
    return Markup("\n".join(line for line in svg.splitlines() if line.strip()))


def not_drawn(nodes: list[Node], edges: list[Edge], why: str) -> Markup:
    """What stands in for a map that is not drawn: a sentence, and the lists below."""
    return Markup('<p class="cc-map-fallback">This map is not drawn: {} ({} claims, {} '
                  'conflicts). Every conflict is listed below, under '
                  '<a href="#contradictions">Every contradiction</a> and '
                  '<a href="#tensions">Every tension</a>.</p>').format(why, len(nodes), len(edges))


def layout(nodes: list[Node], edges: list[Edge], title: str,
           seconds: float = 2 * LAYOUT_SECONDS, prefix: str = "") -> Markup:
    """The narrower of the two layouts, as inline SVG, its ids starting with ``prefix``; a
    sentence instead when the map is too large to follow or its layout takes longer than
    ``seconds`` in all."""
    dot_path()  # fail clearly, even when every layout is already cached
    if len(nodes) > MAX_MAP_CLAIMS or len(edges) > MAX_MAP_CONFLICTS:
        return not_drawn(nodes, edges, f"it would hold more than {MAX_MAP_CLAIMS} claims or "
                         f"{MAX_MAP_CONFLICTS} conflicts, too many to follow in one map")
    deadline = time.monotonic() + seconds
    svgs = []
    try:
        for direction in ("LR", "TB"):
            left = min(LAYOUT_SECONDS, deadline - time.monotonic())
            if left <= 0:
                raise subprocess.TimeoutExpired(DOT, seconds)
            svgs.append(run_dot(dot_source(nodes, edges, direction), left))
    except subprocess.TimeoutExpired:
        if not svgs:
            return not_drawn(nodes, edges, "laying it out took too long")
    return clean(min(svgs, key=width), title, prefix)


def narrow_layout(nodes: list[Node], edges: list[Edge], title: str,
                  seconds: float = 2 * LAYOUT_SECONDS, prefix: str = "") -> Markup:
    """A phone's rendering of a map too wide for one: shorter lines, the article's short
    name, twin frames stacked, closer spacing; laid out both ways and the narrower kept.
    Empty when the map is too large to draw or no layout finishes within ``seconds`` (the
    wide one then scrolls)."""
    if len(nodes) > MAX_MAP_CLAIMS or len(edges) > MAX_MAP_CONFLICTS:
        return Markup("")
    deadline = time.monotonic() + seconds
    svgs = []
    for direction in ("LR", "TB"):
        left = min(LAYOUT_SECONDS, deadline - time.monotonic())
        if left <= 0:
            break
        try:
            svgs.append(run_dot(dot_source(nodes, edges, direction, narrow=True), left))
        except subprocess.TimeoutExpired:
            break
    return clean(min(svgs, key=width), title, prefix) if svgs else Markup("")


def topic_of(a, b, topics: dict) -> str:
    """The topic a conflict is drawn under: the first topic both claims share, else the
    first topic of the claim the conflict is written on."""
    for t in a.topics:
        if t in b.topics and t in topics:
            return t
    return next((t for t in a.topics if t in topics), "")


def diagrams(catalog, facts, href, article_name) -> list[Diagram]:
    """One diagram per topic, in the catalog's topic order, for every recorded conflict.

    ``href(claim_id)`` gives the relative URL of a claim page; ``article_name(source)``
    the article's short name. A claim in conflicts under two topics shows in both."""
    topics = facts.topics
    grouped: dict[str, list[tuple]] = {}
    for claim in catalog.claims:
        for conflict in claim.conflicts:
            other = facts.claims.get(conflict.claim)
            if other is None:
                continue
            grouped.setdefault(topic_of(claim, other, topics), []).append((claim, other, conflict.kind))
    out = []
    deadline = time.monotonic() + ALL_LAYOUTS_SECONDS
    order = [t.id for t in catalog.topics] + [""]
    for key in sorted(grouped, key=order.index):
        nodes: dict[str, Node] = {}
        edges = []
        for a, b, kind in grouped[key]:
            for c in (a, b):
                source = facts.sources[c.source]
                nodes.setdefault(c.id, Node(c.id, c.statement, c.verdict, article_name(source),
                                            href(c.id), naming.short_article_name(source)))
            edges.append(Edge(a.id, b.id, kind))
        title = topics[key].title if key else "Other"
        svg = layout(list(nodes.values()), edges, f"Conflict map: {title}",
                     min(2 * LAYOUT_SECONDS, max(0.0, deadline - time.monotonic())),
                     prefix=f"map-{key or 'other'}-")
        narrow = Markup("")
        if width_of(svg) > PHONE_WIDTH:
            narrow = narrow_layout(list(nodes.values()), edges, f"Conflict map: {title}",
                                   max(0.0, deadline - time.monotonic()),
                                   prefix=f"map-{key or 'other'}-phone-")
            if narrow and width_of(narrow) >= width_of(svg):
                narrow = Markup("")
        out.append(Diagram(key or "other", title, svg, len(nodes), len(edges), narrow))
    return out
