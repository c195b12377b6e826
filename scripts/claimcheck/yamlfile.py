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

from .limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_YAML_BYTES
from .problems import Location, Problem, display_path

Path_ = tuple  # a JSON path: keys and list indexes from the document root

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """The data of one YAML file, with the location of every value and key in it."""

    path: Path
    display: str
    kind: str = ""  # which schema applies: source, claims, topics or references
    data: Any = None
    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)
    ok: bool = True

    def where(self, path: Path_ = (), key: bool = False) -> Location:
        """The location of the value at ``path``, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Location(self.display, 1, 1))


def _loc(display: str, mark) -> Location:
    return Location(display, mark.line + 1, mark.column + 1)


class _Refused(Exception):
    """Stops reading one file at a located, already-worded problem."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


@dataclass
class _Frame:
    container: Any          # the dict or list being filled
    path: Path_
    record: bool            # False under a duplicate key: built, then thrown away
    key: Any = None         # in a mapping: the key waiting for its value
    has_key: bool = False
    index: int = 0


class _Builder:
    """Builds plain data from the parser's event stream, without recursion.

    Working on events rather than on composed nodes bounds the work: nesting deeper than
    MAX_DEPTH stops at the level that exceeds it (libyaml's own composer recurses in C and
    crashes the interpreter on very deep input), an alias is refused the moment it is met,
    and an over-long value is reported where it starts.
    """

    def __init__(self, doc: YamlDoc, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, Any] = {}
        self.stack: list[_Frame] = []
        self.documents = 0

    def run(self, events) -> None:
        for event in events:
            if type(event) is yaml.ScalarEvent:  # most events: checked first
                if event.anchor is not None:
                    self.anchors[event.anchor] = event.start_mark
                self._place(event, self._scalar(event))
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(event.start_mark, "expected a single document, but a second "
                                   "one (---) starts here: remove the '---' line")
            elif isinstance(event, yaml.AliasEvent):
                anchor = self.anchors.get(event.anchor)
                raise _Refused(anchor or event.start_mark,
                               "the value anchored here (&name) is reused by an alias (*name) at "
                               f"line {event.start_mark.line + 1}; anchors and aliases are not "
                               "allowed in the catalog: write the value out")
            elif isinstance(event, yaml.ScalarEvent):
                self._remember_anchor(event)
                self._place(event, self._scalar(event))
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._remember_anchor(event)
                if len(self.stack) >= MAX_DEPTH:
                    raise _Refused(event.start_mark, f"lists and mappings nest more than {MAX_DEPTH} "
                                   "levels deep here; the catalog needs a handful: flatten this value")
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                frame = self._place(event, container)
                self.stack.append(frame)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.stack.pop()

    def _remember_anchor(self, event) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = event.start_mark

    def _scalar(self, event) -> Any:
        value = event.value
        if len(value) > MAX_FIELD_CHARS:
            self.problems.append(Problem(
                _loc(self.doc.display, event.start_mark),
                f"value is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}: "
                "quote, summarise or split it", "size-limit"))
            value = value[:MAX_FIELD_CHARS]
        if hidden := _BIDI.search(value):
            self.problems.append(Problem(
                _loc(self.doc.display, event.start_mark),
                f"value contains the invisible text-direction control U+{ord(hidden.group()):04X}, "
                "which makes text display differently from what it says; delete it", "characters"))
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted or block text resolves to a string, always
            # A plain scalar's value depends only on its text: ids, keys, verdicts and
            # numbers repeat thousands of times, so each is resolved once.
            known = _PLAIN.get(value, _UNSEEN)
            if known is not _UNSEEN:
                return known
            tag = self.resolver.resolve(yaml.ScalarNode, value, event.implicit)
            result = self._construct(tag, value, event)
            if len(_PLAIN) < _PLAIN_LIMIT:
                _PLAIN[value] = result
            return result
        return self._construct(tag, value, event)

    def _construct(self, tag: str, value: str, event) -> Any:
        if tag == _STR:
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            return value  # dates stay text ("2026-11-28"), as JSON Schema expects
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return self.constructor.construct_object(node, deep=True)

    def _place(self, event, value: Any) -> _Frame | None:
        """Put a finished scalar or a new container where the stream says it goes."""
        if not self.stack:  # the document root
            self.doc.data = value
            self.doc.values[()] = _loc(self.doc.display, event.start_mark)
            return _Frame(value, (), True)
        parent = self.stack[-1]
        if isinstance(parent.container, dict) and not parent.has_key:
            if not isinstance(event, yaml.ScalarEvent):
                raise _Refused(event.start_mark, "a key here is a list or mapping; keys are plain "
                               "words such as 'id' or 'quote'")
            self._key(parent, event, value)
            return None
        if isinstance(parent.container, dict):
            path, parent.has_key = parent.path + (parent.key,), False
            record = parent.record and parent.key is not _DUPLICATE
            if record:
                parent.container[parent.key] = value
        else:
            path = parent.path + (parent.index,)
            parent.index += 1
            record = parent.record
            if record:
                parent.container.append(value)
        if record:
            self.doc.values[path] = _loc(self.doc.display, event.start_mark)
        return _Frame(value, path, record)

    def _key(self, parent: _Frame, event, key: Any) -> None:
        if not isinstance(key, str):
            key = str(key)
        parent.has_key = True
        if not parent.record:
            parent.key = _DUPLICATE
            return
        if key in parent.container:
            first = self.doc.keys[parent.path + (key,)]
            self.problems.append(Problem(
                _loc(self.doc.display, event.start_mark),
                f"duplicate key '{key}' (first at line {first.line}); "
                "a key may appear once per mapping: delete or rename one", "duplicate-key"))
            parent.key = _DUPLICATE
            return
        self.doc.keys[parent.path + (key,)] = _loc(self.doc.display, event.start_mark)
        parent.key = key


_DUPLICATE = object()  # the key slot of a value that follows a duplicate key
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # "Trojan Source" direction overrides
_UNSEEN = object()
_STR = "tag:yaml.org,2002:str"
_PLAIN: dict[str, Any] = {}  # plain scalar text -> its value (str, int, float, bool, None)
_PLAIN_LIMIT = 100_000


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes, so a huge file or a device never fills memory."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def load_yaml(path: Path) -> tuple[YamlDoc, list[Problem]]:
    """Parse ``path``; syntax errors come back as located problems, never raised."""
    display = display_path(path)
    doc = YamlDoc(path=path, display=display)
    problems: list[Problem] = []
    try:
        raw = _read_bounded(path, MAX_YAML_BYTES)
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
    try:
        _Builder(doc, problems).run(yaml.parse(text, Loader=_Loader))
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
    if not doc.ok:  # no half-read data: the checks would report its missing half too
        doc.data = None
    return doc, problems
