"""Claim pages written into one rendering of Material's page instead of one rendering each.

Material's page template (navigation, header, footer, scripts) cost about 5 ms a page, a
minute at 10,000 claims, and every claim page gets the same from it: claim pages share
their depth, the nav (they are not in it), assets and footer. What differs is a handful of
values: the content, the title and description (escaped by site/head.py), the canonical
address, the first heading's id, and the table of contents, which is the same for claim
pages with the same sections.

So for each kind of claim page (its folder and its table of contents below the title),
Material renders once a copy of the page whose own values are unique marker strings; the
output cut at the markers is the shell. A page is then the shell with its values put where
the markers were, each escaped as Material escaped its marker.

Nothing is assumed about what else Material's templates read: while the shell is rendered,
every attribute and item the templates look up on the page and its head, every call of a
filter that reads the page from the context (mkdocs' ``url``), and every other context
value are recorded, and each page uses the shell only if all of them are equal on it
(otherwise a shell is made for its values, or Material renders it). A template that tests
a marker's content, not only whether it is empty, gives no shell. The first page of each
shell is also rendered by Material and must equal the filled shell byte for byte.
tests/test_fastpage.py builds whole sites both ways and compares them, with pages that
differ from the first ones only in a value the templates read.
"""

from __future__ import annotations

import copy
import re
import secrets
from dataclasses import replace

from jinja2 import Undefined
from jinja2.utils import _PassArg
from markupsafe import Markup, escape
from mkdocs.structure.toc import TableOfContents

_NONCE = secrets.token_hex(8)
# Characters every escaping changes, and "<h1" (Material checks the content for one).
_TAIL = "<h1&\"'>"
SLOTS = ("content", "title", "meta_title", "meta_description", "canonical", "h1_id",
         "h1_title", "head_title", "head_page_title", "head_description", "head_url",
         "head_preview_title", "head_image")
CHECKS = 1  # pages of a shell rendered by Material, and matched, before the shell is used
VARIANTS = 4  # shells of one kind (pages differing in a value read) before Material renders
# What the shell fills, by the path the templates read it through; page.toc is the kind.
FILLED = {("page", "content"), ("page", "title"), ("page", "canonical_url"), ("page", "toc"),
          ("page", "meta", "title"), ("page", "meta", "description"),
          *(("claimcheck_head", name) for name in ("title", "page_title", "description",
                                                 "url", "preview_title", "image"))}
ROOTS = ("page", "claimcheck_head")


class _Marker(str):
    """A marker that notes when a template looks into it rather than printing it or testing
    whether it is empty: a test (Material's ``"<h1" in page.content``) is noted with its
    answer, to ask again of each page's own value; anything else (lowering, slicing) gives
    output the shell cannot repeat."""
    looked_into = False
    tests: list = []  # (slot, method, args, answer)

    def _look(name):
        def method(self, *args):
            answer = getattr(str, name)(self, *args)
            if isinstance(answer, (bool, int)) and not any(isinstance(a, _Marker) for a in args):
                _Marker.tests.append((self.slot, name, args, answer))
            else:
                _Marker.looked_into = True
            return answer
        return method
    for _name in ("__contains__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
                  "__getitem__", "__iter__", "startswith", "endswith", "find", "index",
                  "count", "split", "rsplit", "partition", "lower", "upper", "strip",
                  "replace", "format", "__mod__", "title", "capitalize", "splitlines"):
        locals()[_name] = _look(_name)
    __hash__ = str.__hash__
    del _look, _name


def marker(slot: str) -> str:
    made = _Marker(f"ccshell{_NONCE}{slot}{_TAIL}")
    made.slot = slot
    return made


def values(page, context) -> dict[str, str] | None:
    """The page's own values, by slot ('' for none); None when the page is not a kind
    this handles (then Material renders it)."""
    head = context.get("claimcheck_head")
    first = next(iter(page.toc), None) if page.toc is not None else None
    if head is None or first is None or first.level != 1:
        return None
    found = {"content": page.content, "title": page.title,
             "meta_title": page.meta.get("title"),
             "meta_description": page.meta.get("description"),
             "canonical": page.canonical_url, "h1_id": first.id, "h1_title": first.title,
             "head_title": head.title, "head_page_title": head.page_title,
             "head_description": head.description, "head_url": head.url,
             "head_preview_title": head.preview_title, "head_image": head.image}
    found = {slot: "" if value is None else value for slot, value in found.items()}
    return found if all(isinstance(v, str) for v in found.values()) else None


def kind(page, found: dict[str, str]) -> tuple:
    """Pages of one kind share a shell: same depth, same sections, same front matter keys,
    the same values empty (Material leaves out, say, the canonical link without an
    address)."""
    def entries(links):
        return tuple((a.level, a.id, a.title, entries(a.children)) for a in links)
    first, *rest = list(page.toc)
    return (page.url.count("/"), entries(first.children), entries(rest),
            tuple(sorted(page.meta)), tuple(slot for slot in SLOTS if not found[slot]))


def probe(page, context, found: dict[str, str]) -> dict:
    """The page's context with every one of its own values replaced by its marker (an
    empty value stays empty)."""
    def mark(slot: str) -> str:
        return marker(slot) if found[slot] else found[slot]
    page_copy = copy.copy(page)
    page_copy.__class__ = _compared(type(page))
    page_copy.content = mark("content")
    page_copy.title = mark("title")
    page_copy.meta = {**page.meta}
    for key in ("title", "description"):
        if key in page.meta:
            page_copy.meta[key] = Markup(mark(f"meta_{key}"))
    page_copy.canonical_url = mark("canonical") or page.canonical_url
    first, *rest = list(page.toc)
    first = copy.copy(first)
    first.id, first.title = mark("h1_id"), mark("h1_title")
    page_copy.toc = TableOfContents([first, *rest])
    head = replace(context["claimcheck_head"], title=mark("head_title"),
                   page_title=mark("head_page_title"),
                   description=mark("head_description"), url=mark("head_url"),
                   preview_title=mark("head_preview_title"), image=mark("head_image"))
    return {**context, "page": page_copy, "claimcheck_head": head}


_COMPARES: list = []  # (other, result) for each comparison with the probe's page


def _compared(page_class):
    """The probe page's class: it notes each comparison with the page (Material's nav asks
    of every item whether it is the page), with its result, to repeat with each real page."""
    def __eq__(self, other):
        looked, tested = _Marker.looked_into, len(_Marker.tests)  # the page's compared whole
        result = page_class.__eq__(self, other)
        _Marker.looked_into = looked
        del _Marker.tests[tested:]
        _COMPARES.append((other, result))
        return result
    return type(page_class.__name__, (page_class,),
                {"__eq__": __eq__, "__hash__": page_class.__hash__})


_FORMS = {}  # regex alternative -> (slot, escaped)
for _slot in SLOTS:
    _FORMS[str.__str__(marker(_slot))] = (_slot, False)
    _FORMS[str(escape(marker(_slot)))] = (_slot, True)
_CUT = re.compile("(" + "|".join(map(re.escape, sorted(_FORMS, key=len, reverse=True))) + ")")


def cut(output: str) -> list | None:
    """The probe's output as text and (slot, escaped) places; None if Material changed a
    marker in a way this cannot repeat (cut short, tags stripped...)."""
    parts: list = []
    for i, piece in enumerate(_CUT.split(output)):
        if i % 2:
            parts.append(_FORMS[piece])
        elif f"ccshell{_NONCE}" in piece:
            return None
        elif piece:
            parts.append(piece)
    return parts


def fill(shell: list, found: dict[str, str]) -> str:
    return "".join(p if isinstance(p, str) else
                   (str(escape(found[p[0]])) if p[1] else found[p[0]]) for p in shell)



class Reads:
    """What Material's templates read while rendering a probe: each lookup on the page or
    its head by path, with the value found; each call of a filter that takes the context,
    with its result; every other context value."""

    def __init__(self, context: dict):
        self.values: dict[tuple, object] = {}  # ((how, name), ...) from a root -> value
        self.calls: list = []  # (filter, args, kwargs, result)
        self.compares = _COMPARES  # (other, result): comparisons with the page
        self.tests = _Marker.tests  # (slot, method, args, answer): tests of filled values
        self.given = context
        self.context: dict = {}  # the other context values the templates resolved
        self.opaque = False  # something read cannot be checked page by page
        self.active = _active(context.get("nav"))  # the nav items marked as the page's

    def trace(self, env, context: dict):
        """Patch ``env`` to record reads of ``context``'s page and head; returns the undo."""
        paths = {id(context[root]): ((root,),) for root in ROOTS if root in context}
        keep = []  # objects whose id is a path, alive until the render ends
        saved = (env.getattr, env.getitem, dict(env.filters), env.context_class)
        reads = self

        class Resolving(saved[3]):
            def resolve_or_missing(self, key):
                value = super().resolve_or_missing(key)
                if key in reads.given and key not in ROOTS:
                    reads.context.setdefault(key, value)
                return value

        def traced(original, how):
            def lookup(obj, name):
                value = original(obj, name)
                base = paths.get(id(obj))
                if base is not None:
                    path = base + ((how, name),)
                    self.values.setdefault(path, value)
                    if not isinstance(value, (str, int, float, bool, type(None))):
                        paths[id(value)] = path
                        keep.append(value)
                return value
            return lookup

        env.getattr, env.getitem = traced(env.getattr, "attr"), traced(env.getitem, "item")
        env.context_class = Resolving
        for name, function in saved[2].items():
            if _PassArg.from_obj(function) is _PassArg.context:
                env.filters[name] = self._recorded(function)

        def undo():
            env.getattr, env.getitem, env.context_class = saved[0], saved[1], saved[3]
            env.filters.clear()
            env.filters.update(saved[2])
            keep.clear()
        return undo

    def _recorded(self, function):
        """A filter that reads the page from the context, its calls noted with their results."""
        def call(ctx, *args, **kwargs):
            result = function(ctx, *args, **kwargs)
            if any(f"ccshell{_NONCE}" in str(a) for a in (*args, *kwargs.values())
                   if not isinstance(a, str)) or not isinstance(result, str):
                self.opaque = True  # a marker inside a value: its result is a guess
            self.calls.append((function, args, kwargs, result))
            return result
        call.jinja_pass_arg = function.jinja_pass_arg
        return call

    def checks(self) -> list:
        """The reads to repeat on each page: not what the shell fills, not a method of the
        page or head themselves (which cannot be compared)."""
        checked = []
        for path, value in self.values.items():
            names = path[0] + tuple(name for _how, name in path[1:])
            if any(names[:i] in FILLED for i in range(2, len(names) + 1)):
                continue
            if callable(value) and hasattr(value, "__self__") and len(path) > 2:
                continue  # a method of a value that is itself compared
            if callable(value) and not isinstance(value, (type, Undefined)):
                self.opaque = True
            checked.append((path, names, value))
        return checked


def _active(nav) -> tuple:
    """The nav items mkdocs marked active for the page being rendered (it and its
    sections): Material reads them on items it reaches by looping, not by a lookup."""
    found, items = [], list(getattr(nav, "items", None) or ())
    while items:
        item = items.pop()
        if getattr(item, "active", False):
            found.append(id(item))
        items.extend(getattr(item, "children", None) or ())
    return tuple(found)


def _put(value, found: dict[str, str]):
    """``value`` with the page's own values where the markers were (a filter given a marker
    is asked again with the page's value, and must answer as it did, the value in place)."""
    if isinstance(value, str) and f"ccshell{_NONCE}" in value:
        for slot, text in found.items():
            value = value.replace(str.__str__(marker(slot)), text)
    return value


def _masked(names: tuple, value):
    if names == ("page", "meta") and isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in ("title", "description")}
    return value


def _same(a, b) -> bool:
    try:
        return a is b or bool(a == b)
    except Exception:  # a value that cannot be compared is not assumed equal
        return False


class Shell:
    def __init__(self, parts: list | None, reads: Reads, env):
        self.parts = parts
        self.reads = reads
        self.checks = reads.checks()
        self.env = env
        self.checked = 0

    def fits(self, template, context: dict, found: dict[str, str]) -> bool:
        """Whether every value the shell assumed is the same for this page."""
        for slot, method, args, answer in self.reads.tests:
            if getattr(str, method)(found[slot], *args) != answer:
                return False
        if _active(context.get("nav")) != self.reads.active:
            return False
        for key, value in self.reads.context.items():
            if not _same(context.get(key), value):
                return False
        for path, names, value in self.checks:
            seen = context.get(names[0])
            try:
                for how, name in path[1:]:
                    seen = (self.env.getattr if how == "attr" else self.env.getitem)(seen, name)
            except Exception:  # Material would fail here: it renders the page
                return False
            if not _same(_masked(names, seen), _masked(names, value)):
                return False
        page = context.get("page")
        for other, result in self.reads.compares:
            if (other == page) != result:
                return False
        if self.reads.calls:
            jinja_context = template.new_context(context)
            for function, args, kwargs, result in self.reads.calls:
                args = [_put(a, found) for a in args]
                kwargs = {k: _put(v, found) for k, v in kwargs.items()}
                if not _same(function(jinja_context, *args, **kwargs), _put(result, found)):
                    return False
        return True


class Shells:
    """One build's shells, by kind. ``render(page, context)`` is what Material's template
    would give for the page."""

    def __init__(self, template, log):
        self.template = template
        self.log = log
        self.kinds: dict[tuple, list[Shell]] = {}
        self.filled = 0

    def render(self, page, context) -> str:
        found = values(page, context)
        if found is None:
            return self.template.render(context)
        shells = self.kinds.setdefault(kind(page, found), [])
        shell = next((s for s in shells if s.parts is not None
                      and s.fits(self.template, context, found)), None)
        if shell is None:
            if len(shells) >= VARIANTS:
                if len(shells) == VARIANTS:
                    shells.append(Shell(None, Reads({}), None))  # said once
                    self._give_up(page, "its pages differ in values the templates read")
                return self.template.render(context)
            shell = self._probe(page, context, found)
            shells.append(shell)
        if shell.parts is not None and shell.checked >= CHECKS:
            self.filled += 1
            return fill(shell.parts, found)
        output = self.template.render(context)
        if shell.parts is not None:
            if fill(shell.parts, found) == output:
                shell.checked += 1
            else:
                shell.parts = None
                self._give_up(page, "the filled shell differs from Material's page")
        return output

    def _probe(self, page, context, found) -> Shell:
        probe_context = probe(page, context, found)
        reads = Reads(probe_context)
        env = self.template.environment
        undo = reads.trace(env, probe_context)
        _Marker.looked_into = False
        _COMPARES.clear()
        _Marker.tests = []
        try:
            parts = cut(self.template.render(probe_context))
        finally:
            undo()
            reads.compares, reads.tests = list(_COMPARES), _Marker.tests
            _COMPARES.clear()
            _Marker.tests = []
        shell = Shell(parts, reads, env)
        why = ("Material changes a value it prints" if parts is None else
               "Material's templates look into a value the shell fills" if _Marker.looked_into
               else "Material's templates read a value that cannot be compared" if reads.opaque
               else "")
        if why:
            shell.parts = None
            self._give_up(page, why)
        return shell

    def _give_up(self, page, why: str) -> None:
        self.log.info(f"claimcheck: pages like {page.file.src_uri} go through Material's "
                      f"template one by one ({why})")
