"""Read one YAML file into plain data that remembers where each value stood.

PyYAML's constructed objects forget their marks, and it silently keeps the last of two
duplicate keys. Building the data ourselves from the parser's events keeps a line and
column for every value and key, so each later check can point at the exact place, and
lets the reader refuse hostile input (aliases, deep nesting, huge values) as located
problems within bounds set in limits.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .containment import read_at_most
from .limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_YAML_BYTES
from .problems import Location, Problem, display_path

Path_ = tuple  # a JSON path: keys and list indexes from the document root

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """The data of one YAML file, with the place of every value and key in it.

    Places are kept as the parser's marks (0-based) and turned into Locations only when
    asked for: a 10,000-claim catalog has half a million values, and few are ever reported.
    """

    path: Path
    display: str
    kind: str = ""  # which schema applies: source, claims, topics or references
    data: Any = None
    value_marks: dict[Path_, Any] = field(default_factory=dict)
    key_marks: dict[Path_, Any] = field(default_factory=dict)
    ok: bool = True
    text: str = ""  # as read, for the few checks that look at comments

    def where(self, path: Path_ = (), key: bool = False) -> Location:
        """The location of the value at ``path``, or of its nearest located ancestor."""
        values = self.value_marks
        table = self.key_marks if key else values
        path = tuple(path)
        while path:
            mark = table.get(path) or values.get(path)
            if mark is not None:
                return self._location(mark)
            path = path[:-1]
        mark = values.get(())
        return Location(self.display, 1, 1) if mark is None else self._location(mark)

    def at(self, path: Path_) -> Location | None:
        """The location of the value at exactly ``path``, or None if there is none."""
        mark = self.value_marks.get(tuple(path))
        return None if mark is None else self._location(mark)

    def _location(self, mark) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)


def _loc(display: str, mark) -> Location:
    return Location(display, mark.line + 1, mark.column + 1)


class _Refused(Exception):
    """Stops reading one file at a located, already-worded problem."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


class _Frame:
    """An open list or mapping: where it stands, and what it waits for next."""

    __slots__ = ("container", "path", "record", "is_map", "key", "index")

    def __init__(self, container: Any, path: Path_, record: bool):
        self.container = container
        self.path = path
        self.record = record    # False under a duplicate key: built, then thrown away
        self.is_map = type(container) is dict
        self.key: Any = _NO_KEY  # in a mapping: the key waiting for its value
        self.index = 0           # in a list: the index of the next item


class _Builder:
    """Builds plain data from the parser's event stream, without recursion.

    Working on events rather than on composed nodes bounds the work: nesting deeper than
    MAX_DEPTH stops at the level that exceeds it (libyaml's own composer recurses in C and
    crashes the interpreter on very deep input), an alias is refused the moment it is met,
    and an over-long value is reported where it starts. This loop runs once per value of
    the catalog, so it is written for speed: one type test per event, no object per scalar.
    """

    def __init__(self, doc: YamlDoc, problems: list[Problem], text: str):
        self.doc = doc
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, Any] = {}
        # A value can only hide a direction control if the text holds one, or an escape
        # that writes one (a double-quoted "\u202e"): most files need no search per value.
        self.bidi = ("\\u" in text or "\\U" in text
                     or (not text.isascii() and any(c in text for c in _BIDI_CHARS)))

    def run(self, get_event) -> None:
        values, stack, anchors = self.doc.value_marks, [], self.anchors
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:  # most events
                mark = event.start_mark
                if event.anchor is not None:
                    anchors[event.anchor] = mark
                value = event.value
                if len(value) > MAX_FIELD_CHARS or self.bidi:
                    value = self._screened(value, mark)
                tag = event.tag
                if tag is None or tag == "!":
                    if event.implicit[0]:  # plain: its value depends on its text alone
                        known = _PLAIN.get(value, _UNSEEN)
                        value = self._plain(value, event) if known is _UNSEEN else known
                    # else quoted or block text: a string, always
                else:
                    value = self._construct(tag, value, event)
                if not stack:  # a document that is one scalar
                    self.doc.data = value
                    values[()] = mark
                    continue
                parent = stack[-1]
                if parent.is_map:
                    key = parent.key
                    if key is _NO_KEY:
                        self._key(parent, value, mark)
                        continue
                    parent.key = _NO_KEY
                    if parent.record and key is not _DUPLICATE:
                        parent.container[key] = value
                        values[parent.path + (key,)] = mark
                else:
                    if parent.record:
                        parent.container.append(value)
                        values[parent.path + (parent.index,)] = mark
                    parent.index += 1
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = event.start_mark
                if event.anchor is not None:
                    anchors[event.anchor] = mark
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(mark, f"lists and mappings nest more than {MAX_DEPTH} "
                                   "levels deep here; the catalog needs a handful: flatten this value")
                container: Any = {} if kind is yaml.MappingStartEvent else []
                if not stack:  # the document root
                    self.doc.data = container
                    values[()] = mark
                    stack.append(_Frame(container, (), True))
                    continue
                parent = stack[-1]
                if parent.is_map:
                    key = parent.key
                    if key is _NO_KEY:
                        raise _Refused(mark, "a key here is a list or mapping; keys are plain "
                                       "words such as 'id' or 'quote'")
                    parent.key = _NO_KEY
                    path = parent.path + (key,)
                    record = parent.record and key is not _DUPLICATE
                    if record:
                        parent.container[key] = container
                else:
                    path = parent.path + (parent.index,)
                    parent.index += 1
                    record = parent.record
                    if record:
                        parent.container.append(container)
                if record:
                    values[path] = mark
                stack.append(_Frame(container, path, record))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                anchor = anchors.get(event.anchor)
                raise _Refused(anchor or event.start_mark,
                               "the value anchored here (&name) is reused by an alias (*name) at "
                               f"line {event.start_mark.line + 1}; anchors and aliases are not "
                               "allowed in the catalog: write the value out")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(event.start_mark, "expected a single document, but a second "
                                   "one (---) starts here: remove the '---' line")
            elif kind is yaml.StreamEndEvent or event is None:
                return

    def _screened(self, value: str, mark) -> str:
        """The value cut to MAX_FIELD_CHARS, with a problem for its length or a hidden
        direction control."""
        if len(value) > MAX_FIELD_CHARS:
            self.problems.append(Problem(
                _loc(self.doc.display, mark),
                f"value is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}: "
                "quote, summarise or split it", "size-limit"))
            value = value[:MAX_FIELD_CHARS]
        if hidden := _BIDI.search(value):
            self.problems.append(Problem(
                _loc(self.doc.display, mark),
                f"value contains the invisible text-direction control U+{ord(hidden.group()):04X}, "
                "which makes text display differently from what it says; delete it", "characters"))
        return value

    def _plain(self, value: str, event) -> Any:
        """A plain scalar resolved (null, true, 12, 1.5, text...), once per distinct text:
        ids, keys, verdicts and numbers repeat thousands of times."""
        result = self._construct(self.resolver.resolve(yaml.ScalarNode, value, event.implicit),
                                 value, event)
        if len(_PLAIN) < _PLAIN_LIMIT:
            _PLAIN[value] = result
        return result

    def _construct(self, tag: str, value: str, event) -> Any:
        if tag == _STR:
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            return value  # dates stay text ("2026-11-28"), as JSON Schema expects
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (IndexError, KeyError, AttributeError) as err:  # PyYAML's own slips: `!!int ''`
            raise _Refused(event.start_mark, f"'{value}' cannot be read as {event.tag}; remove "
                           "the tag or write a value of that type") from err

    def _key(self, parent: _Frame, key: Any, mark) -> None:
        if not isinstance(key, str):
            key = str(key)
        if not parent.record:
            parent.key = _DUPLICATE
            return
        if key in parent.container:
            first = self.doc.key_marks[parent.path + (key,)]
            self.problems.append(Problem(
                _loc(self.doc.display, mark),
                f"duplicate key '{key}' (first at line {first.line + 1}); "
                "a key may appear once per mapping: delete or rename one", "duplicate-key"))
            parent.key = _DUPLICATE
            return
        self.doc.key_marks[parent.path + (key,)] = mark
        parent.key = key


_NO_KEY = object()     # a mapping's key slot when it waits for a key
_DUPLICATE = object()  # the key slot of a value that follows a duplicate key
_BIDI_CHARS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
_BIDI = re.compile(f"[{''.join(_BIDI_CHARS)}]")  # "Trojan Source" direction overrides
_UNSEEN = object()
_STR = "tag:yaml.org,2002:str"
_PLAIN: dict[str, Any] = {}  # plain scalar text -> its value (str, int, float, bool, None)
_PLAIN_LIMIT = 100_000


def load_yaml(path: Path) -> tuple[YamlDoc, list[Problem]]:
    """Parse ``path``; syntax errors come back as located problems, never raised."""
    display = display_path(path)
    doc = YamlDoc(path=path, display=display)
    problems: list[Problem] = []
    try:
        raw = read_at_most(path, MAX_YAML_BYTES)
    except OSError as err:
        doc.ok = False
        return doc, [Problem(Location(display), f"cannot read file: {err.strerror}", "yaml-syntax")]
    if len(raw) > MAX_YAML_BYTES:
        doc.ok = False
        return doc, [Problem(Location(display), f"file is larger than {MAX_YAML_BYTES // 2**20} MiB, "
                             "the limit for one catalog file; split it or shorten its values",
                             "size-limit")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        doc.ok = False
        return doc, [Problem(Location(display), f"file is not valid UTF-8 ({err.reason} at byte "
                             f"{err.start}); save it as UTF-8", "yaml-syntax")]
    doc.text = text
    loader = _Loader(text)
    try:
        _Builder(doc, problems, text).run(loader.get_event)
    except _Refused as err:
        doc.ok = False
        problems.append(Problem(_loc(display, err.mark), f"invalid YAML: {err.message}", "yaml-syntax"))
    except yaml.MarkedYAMLError as err:
        doc.ok = False
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (err.context, err.problem) if part)
        problems.append(Problem(Location(display, line, col), f"invalid YAML: {what}; check "
                                "indentation, colons and quoting around this point", "yaml-syntax"))
    except yaml.reader.ReaderError as err:  # a control character such as NUL: locate it
        doc.ok = False
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        problems.append(Problem(Location(display, line, col), f"invalid YAML: character "
                                f"U+{err.character:04X} is not allowed in YAML; delete it",
                                "yaml-syntax"))
    except (yaml.YAMLError, ValueError, TypeError) as err:
        doc.ok = False
        problems.append(Problem(Location(display), f"invalid YAML: {err}", "yaml-syntax"))
    finally:
        loader.dispose()
    if not doc.ok:  # no half-read data: the checks would report its missing half too
        doc.data = None
    return doc, problems
