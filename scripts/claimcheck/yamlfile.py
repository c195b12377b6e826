"""Read one YAML file into plain data that remembers where each value stood.

PyYAML's constructed objects forget their marks, and it silently keeps the last of two
duplicate keys. Composing nodes and building the data ourselves keeps a line and column
for every value and key, so each later check can point at the exact place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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


def _loc(display: str, node: yaml.Node) -> Location:
    return Location(display, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, doc: YamlDoc, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # An alias (*name) reuses a node. The catalog has no use for them, and refusing
            # them rules out recursive structures and exponential "billion laughs" input.
            raise yaml.MarkedYAMLError(problem="the value anchored here (&name) is reused by an "
                                       "alias (*name); anchors and aliases are not allowed in "
                                       "the catalog: write the value out",
                                       problem_mark=node.start_mark)
        if not isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
        self.doc.values[path] = _loc(self.doc.display, node)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    first = self.doc.keys[path + (key,)]
                    self.problems.append(Problem(
                        _loc(self.doc.display, key_node),
                        f"duplicate key '{key}' (first at line {first.line}); "
                        "a key may appear once per mapping: delete or rename one",
                        "duplicate-key"))
                    continue
                self.doc.keys[path + (key,)] = _loc(self.doc.display, key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text ("2026-11-28"), as JSON Schema expects
        return self.constructor.construct_object(node, deep=True)


def load_yaml(path: Path) -> tuple[YamlDoc, list[Problem]]:
    """Parse ``path``; syntax errors come back as located problems, never raised."""
    display = display_path(path)
    doc = YamlDoc(path=path, display=display)
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        doc.ok = False
        return doc, [Problem(Location(display), f"file is not valid UTF-8 ({err.reason} at byte "
                             f"{err.start}); save it as UTF-8", "yaml-syntax")]
    except OSError as err:
        doc.ok = False
        return doc, [Problem(Location(display), f"cannot read file: {err.strerror}", "yaml-syntax")]
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            doc.data = _Builder(doc, problems).build(node, ())
    except yaml.MarkedYAMLError as err:
        doc.ok = False
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (err.context, err.problem) if part)
        hint = "" if "aliases" in what else "; check indentation, colons and quoting around this point"
        problems.append(Problem(Location(display, line, col), f"invalid YAML: {what}{hint}",
                                "yaml-syntax"))
    except (yaml.YAMLError, ValueError, TypeError) as err:  # e.g. an unhashable key
        doc.ok = False
        problems.append(Problem(Location(display), f"invalid YAML: {err}", "yaml-syntax"))
    return doc, problems
