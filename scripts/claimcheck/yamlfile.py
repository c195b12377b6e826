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
from .limits import (MAX_CATALOG_VALUES, MAX_DEPTH, MAX_FIELD_CHARS, MAX_YAML_BYTES,
                     MAX_YAML_VALUES)
from .problems import Location, Problem, display_path
from .textmatch import line_col

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
        return _loc(self.display, mark)


def _loc(display: str, mark) -> Location:
    return Location(display, mark.line + 1, mark.column + 1)


class _Refused(Exception):
    """Stops reading one file at a located, already-worded problem."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


class _Builder:
    """Builds plain data from the parser's event stream, without recursion.

    Working on events rather than on composed nodes bounds the work: nesting deeper than
    MAX_DEPTH stops at the level that exceeds it (libyaml's own composer recurses in C and
    crashes the interpreter on very deep input), an alias is refused the moment it is met,
    and an over-long value is reported where it starts. This loop runs once per value of
    the catalog, so it is written for speed: one type test per event, no object per scalar.
    """

    def __init__(self, doc: YamlDoc, problems: list[Problem], text: str,
                 max_values: int = MAX_YAML_VALUES):
        self.doc = doc
        self.max_values = max_values
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, Any] = {}
        # A value can only hide a direction control if the text holds one, or an escape
        # that writes one (a double-quoted "\u202e"): most files need no search per value.
        self.bidi = ("\\u" in text or "\\U" in text
                     or (not text.isascii() and any(c in text for c in _BIDI_CHARS)))

    def run(self, get_event) -> None:
        values, anchors, bidi = self.doc.value_marks, self.anchors, self.bidi
        # The open list or mapping, kept in locals (the enclosing ones wait on ``stack``):
        container: Any = None  # None at the document root
        path: Path_ = ()
        record = True          # False under a duplicate key: built, then thrown away
        is_map = False
        key: Any = _NO_KEY     # in a mapping: the key waiting for its value
        index = 0              # in a list: the index of the next item
        stack: list[tuple] = []
        documents = 0
        budget = self.max_values  # values left before the file is refused (memory)
        while True:
            event = get_event()
            kind = type(event)
            budget -= 1
            if budget < 0 and kind is not yaml.StreamEndEvent:
                raise _Refused(event.start_mark, f"the file holds more than {self.max_values:,} "
                               "values, more than is left of the limit for one file "
                               f"({MAX_YAML_VALUES:,}) or the whole catalog ({MAX_CATALOG_VALUES:,});"
                               " a claim needs about 40: split the file or remove the extra values")
            if kind is _SCALAR:  # most events
                mark = event.start_mark
                if event.anchor is not None:
                    anchors[event.anchor] = mark
                value = event.value
                if bidi or len(value) > MAX_FIELD_CHARS:
                    value = self._screened(value, mark)
                tag = event.tag
                if tag is None or tag == "!":
                    if event.implicit[0]:  # plain: its value depends on its text alone
                        known = _PLAIN.get(value, _UNSEEN)
                        value = self._plain(value, event) if known is _UNSEEN else known
                    # else quoted or block text: a string, always
                else:
                    value = self._construct(tag, value, event)
                if is_map:
                    if key is _NO_KEY:  # this scalar is a key
                        if record and type(value) is str and value not in container:
                            self.doc.key_marks[path + (value,)] = mark
                            key = value
                        else:
                            key = self._key(container, path, record, value, mark)
                        continue
                    if record and key is not _DUPLICATE:
                        container[key] = value
                        values[path + (key,)] = mark
                    key = _NO_KEY
                elif container is not None:
                    if record:
                        container.append(value)
                        values[path + (index,)] = mark
                    index += 1
                else:  # a document that is one scalar
                    self.doc.data = value
                    values[()] = mark
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                mark = event.start_mark
                if event.anchor is not None:
                    anchors[event.anchor] = mark
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(mark, f"lists and mappings nest more than {MAX_DEPTH} levels "
                                   "deep here; the catalog needs a handful: flatten this value")
                new: Any = {} if kind is _MAPPING_START else []
                if is_map:
                    if key is _NO_KEY:
                        raise _Refused(mark, "a key here is a list or mapping; keys are plain "
                                       "words such as 'id' or 'quote'")
                    new_path, new_record = path + (key,), record and key is not _DUPLICATE
                    if new_record:
                        container[key] = new
                    key = _NO_KEY
                elif container is not None:
                    new_path, new_record = path + (index,), record
                    if record:
                        container.append(new)
                    index += 1
                else:  # the document root
                    self.doc.data = new
                    new_path, new_record = (), True
                if new_record:
                    values[new_path] = mark
                stack.append((container, path, record, is_map, key, index))
                container, path, record, is_map, key, index = (
                    new, new_path, new_record, kind is _MAPPING_START, _NO_KEY, 0)
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                container, path, record, is_map, key, index = stack.pop()
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

    def _key(self, container: dict, path: Path_, record: bool, key: Any, mark) -> Any:
        """The key slot after reading ``key``: the key itself, or _DUPLICATE when its value
        is to be built and thrown away."""
        if not isinstance(key, str):
            key = str(key)
        if not record:
            return _DUPLICATE
        if key in container:
            first = self.doc.key_marks[path + (key,)]
            self.problems.append(Problem(
                _loc(self.doc.display, mark),
                f"duplicate key '{key}' (first at line {first.line + 1}); "
                "a key may appear once per mapping: delete or rename one", "duplicate-key"))
            return _DUPLICATE
        self.doc.key_marks[path + (key,)] = mark
        return key


_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NO_KEY = object()     # a mapping's key slot when it waits for a key
_DUPLICATE = object()  # the key slot of a value that follows a duplicate key
_BIDI_CHARS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
_BIDI = re.compile(f"[{''.join(_BIDI_CHARS)}]")  # "Trojan Source" direction overrides
_UNSEEN = object()
_STR = "tag:yaml.org,2002:str"
_PLAIN: dict[str, Any] = {}  # plain scalar text -> its value (str, int, float, bool, None)
_PLAIN_LIMIT = 100_000


def load_yaml(path: Path, raw: bytes | None = None,
              max_values: int = MAX_YAML_VALUES) -> tuple[YamlDoc, list[Problem]]:
    """Parse ``path`` (or ``raw``, its bytes as already read with read_at_most); syntax
    errors come back as located problems, never raised. More than ``max_values`` values
    (what is left of the catalog's budget) refuse the file."""
    display = display_path(path)
    doc = YamlDoc(path=path, display=display)
    problems: list[Problem] = []
    try:
        raw = read_at_most(path, MAX_YAML_BYTES) if raw is None else raw
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
        _Builder(doc, problems, text, max_values).run(loader.get_event)
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
        line, col = line_col(text, err.position)
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
