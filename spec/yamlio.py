"""Reading scenario, terms and catalogue files so that no input can hurt.

YAML is read as YAML 1.2 (``no`` stays a word, ``10.05`` loads as ``Decimal("10.05")``,
never a float) from the events of ruamel.yaml's parser, one event at a time, so that this
module and not the parser decides what may be built.  A file is refused, with its line and
column, when it holds:

* a key twice in one mapping (the second would silently win);
* aliases that would expand past ``MAX_ALIAS_NODES`` values (an "alias bomb"), or refer
  to themselves;
* nesting deeper than ``MAX_DEPTH``;
* a number of more than ``MAX_DIGITS`` digits, or an exponent past ``MAX_EXPONENT``;
* a date that does not exist (``2003-02-29``), or a tag other than YAML's own;
* more than one document.

Files are UTF-8, with or without a byte-order mark; any other bytes (binary data,
UTF-16 or UTF-32) are refused with the place of the first bad byte.  A file larger than
``max_input_bytes()`` is refused before it is read: 256 MiB for JSON, 16 MiB for YAML
(ruamel.yaml's pure-Python parser reads about 0.3 MB/s, so 16 MiB is about a minute),
unless ``RIGHTSPLAN_MAX_INPUT_BYTES`` sets another limit for both.  A ``.json`` file takes
Python's own JSON reader, a hundred times faster on large histories, with the same
refusals (a duplicate key is named by its path, as the JSON reader keeps no positions).
"""

from __future__ import annotations

import codecs
import json
import os
import re
from calendar import month_name, monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import ScenarioError, UnreadableFileError

MAX_DEPTH = 50
MAX_ALIAS_NODES = 10_000
MAX_DIGITS = 30
MAX_EXPONENT = 30
DEFAULT_MAX_INPUT_BYTES = {"json": 256 * 2**20, "yaml": 16 * 2**20}

_BOM_UTF8 = b"\xef\xbb\xbf"
_OTHER_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe\x00\x00": "UTF-32", b"\xfe\xff": "UTF-16", b"\xff\xfe": "UTF-16",
}

Positions = dict[str, tuple[int, int]]


def max_input_bytes(kind: str = "yaml") -> int:
    """The largest file read, in bytes: ``RIGHTSPLAN_MAX_INPUT_BYTES``, or the default for ``kind``."""
    raw = os.environ.get("RIGHTSPLAN_MAX_INPUT_BYTES", "")
    return int(raw) if raw.isdigit() else DEFAULT_MAX_INPUT_BYTES[kind]


@dataclass
class Document:
    """A parsed file: its data and, for YAML, the line and column (1-based) of every place."""

    data: Any
    positions: Positions = field(default_factory=dict)


# -- bytes to text ---------------------------------------------------------------------------


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _at(line: int, col: int) -> str:
    return f"line {line}, column {col}"


def read_text(path: Path, limit: int | None = None) -> str:
    """Read a file as UTF-8 text (a leading byte-order mark is dropped), refusing anything else."""
    source = str(path)
    limit = max_input_bytes() if limit is None else limit
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        raise UnreadableFileError(source, "", exc.strerror or str(exc), "a readable scenario file") from None
    if len(raw) > limit:
        raise ScenarioError(source, "", f"more than {limit:,} bytes",
                            "a smaller file (RIGHTSPLAN_MAX_INPUT_BYTES raises the limit)")
    for bom, name in _OTHER_BOMS.items():
        if raw.startswith(bom):
            raise ScenarioError(source, "line 1, column 1", f"{name} text", "UTF-8 text (with or without a BOM)")
    if raw.startswith(_BOM_UTF8):
        raw = raw[len(_BOM_UTF8):]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ScenarioError(source, _at(*_line_col(raw, nul)), "binary data (a NUL byte)", "UTF-8 text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{raw[exc.start]:02x}, not UTF-8"
        raise ScenarioError(source, _at(*_line_col(raw, exc.start)), bad, "UTF-8 text (with or without a BOM)") from None


# -- dates ----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def date_problem(text: str) -> str | None:
    """Why a date written as text names no day (the expectation to print), or None when it does."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return "an ISO date such as 2003-06-02"
    year, month, day = (int(g) for g in match.groups())
    if year < 1 or not 1 <= month <= 12:
        return f"a date that exists: there is no month {month} in year {year}"
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"a date that exists: {month_name[month]} {year} has {days} days"
    return None


# -- YAML ------------------------------------------------------------------------------------

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?"
                       r"([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?")
_Y = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


class _Refused(Exception):
    """A refusal found while building, with the parser's mark of where."""

    def __init__(self, mark: Any, value: object, expected: str, place: str = ""):
        super().__init__(expected)
        self.mark, self.value, self.expected, self.place = mark, value, expected, place


def _digits_ok(text: str) -> bool:
    mantissa, _, exponent = text.lower().partition("e")
    digits = sum(c.isdigit() for c in mantissa)
    return digits <= MAX_DIGITS and (not exponent or abs(int(exponent)) <= MAX_EXPONENT)


def _number(text: str, mark: Any, as_float: bool) -> int | Decimal:
    clean = text.replace("_", "")
    if len(clean) > 2 * MAX_DIGITS + 10 or not _digits_ok(clean if as_float else clean.lstrip("+-")):
        raise _Refused(mark, text, f"a number of at most {MAX_DIGITS} digits (exponent at most {MAX_EXPONENT})")
    if as_float:
        return Decimal(clean)
    if clean.startswith(("0o", "0x")):
        return int(clean[2:], 8 if clean[1] == "o" else 16)
    return int(clean, 10)


def _timestamp(text: str) -> date | datetime | str:
    """A date (or date-time) as written; one that names no day stays text for the validator to refuse."""
    if _DATE.fullmatch(text):
        if date_problem(text):
            return text
        year, month, day = (int(p) for p in text.split("-"))
        return date(year, month, day)
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text.upper() else text)
    except ValueError:
        return text


def _resolve(text: str, mark: Any) -> Any:
    """The YAML 1.2 core schema's reading of a plain scalar (dates added, as YAML 1.1 had them)."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return _number(text, mark, as_float=False)
    if _FLOAT.fullmatch(text):
        return _number(text, mark, as_float=True)
    if _SPECIAL_FLOAT.fullmatch(text):
        raise _Refused(mark, text, "a finite number")
    if _DATE.fullmatch(text) or _DATETIME.fullmatch(text):
        return _timestamp(text)
    return text


def _tagged(tag: str, text: str, mark: Any) -> Any:
    kind = tag[len(_Y):]
    if kind == "str":
        return text
    value = _resolve(text, mark)
    wanted = {"int": int, "float": (int, Decimal), "bool": bool, "null": type(None), "timestamp": (date, datetime)}
    if not isinstance(value, wanted[kind]) or (kind == "int" and isinstance(value, bool)):
        raise _Refused(mark, text, f"a value of the tag !!{kind}")
    return Decimal(value) if kind == "float" else value


def _key_text(key: Any) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)


class _Builder:
    """Builds Python values from parser events, with every refusal the module names."""

    def __init__(self) -> None:
        self.positions: Positions = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0

    def record(self, place: str, mark: Any) -> None:
        self.positions[place] = (mark.line + 1, mark.column + 1)

    def scalar(self, event: ev.ScalarEvent) -> Any:
        tag = str(event.tag) if event.tag is not None else None
        if tag is None or tag == "!":
            plain = event.style is None and tag is None
            return _resolve(event.value, event.start_mark) if plain else event.value
        if tag not in _SCALAR_TAGS:
            raise _Refused(event.start_mark, tag, "plain YAML values (no tags other than YAML's own)")
        return _tagged(tag, event.value, event.start_mark)

    def value(self, events: Any, event: Any, place: str, depth: int) -> tuple[Any, int]:
        """Build the value that starts with ``event``; returns it and its size in values."""
        self.record(place, event.start_mark)
        if isinstance(event, ev.AliasEvent):
            return self.alias(event)
        if depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"more than {MAX_DEPTH} levels", f"at most {MAX_DEPTH} levels of nesting")
        tag = str(event.tag) if getattr(event, "tag", None) is not None else None
        if isinstance(event, ev.ScalarEvent):
            try:
                built, size = self.scalar(event), 1
            except _Refused as exc:
                exc.place = exc.place or place
                raise
        elif isinstance(event, ev.SequenceStartEvent):
            self.check_collection_tag(tag, "seq", event)
            built, size = self.sequence(events, place, depth)
        elif isinstance(event, ev.MappingStartEvent):
            self.check_collection_tag(tag, "map", event)
            built, size = self.mapping(events, place, depth)
        else:
            raise _Refused(event.start_mark, type(event).__name__, "one YAML document")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.anchors[anchor] = (built, size)
        return built, size

    @staticmethod
    def check_collection_tag(tag: str | None, kind: str, event: Any) -> None:
        if tag not in (None, "!", _Y + kind):
            raise _Refused(event.start_mark, tag, "plain YAML values (no tags other than YAML's own)")

    def alias(self, event: ev.AliasEvent) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise _Refused(event.start_mark, f"*{event.anchor}", "an alias to an anchor defined before it, "
                           "outside itself")
        built, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_NODES:
            raise _Refused(event.start_mark, f"*{event.anchor}",
                           f"aliases that expand to at most {MAX_ALIAS_NODES:,} values in all")
        return built, size

    def sequence(self, events: Any, place: str, depth: int) -> tuple[list, int]:
        items: list[Any] = []
        size = 1
        for event in events:
            if isinstance(event, ev.SequenceEndEvent):
                return items, size
            item, n = self.value(events, event, f"{place}[{len(items)}]", depth + 1)
            items.append(item)
            size += n
        raise _Refused(None, "end of file", "the end of a list")

    def key(self, event: Any) -> Any:
        if isinstance(event, ev.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, ev.AliasEvent):
            key, _ = self.alias(event)
            if not isinstance(key, (dict, list)):
                return key
        raise _Refused(event.start_mark, "a list or mapping as a key", "a plain key (a word, number or date)")

    def mapping(self, events: Any, place: str, depth: int) -> tuple[dict, int]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Any] = {}
        size = 1
        for event in events:
            if isinstance(event, ev.MappingEndEvent):
                return result, size
            key = self.key(event)
            child = f"{place}.{_key_text(key)}" if place else _key_text(key)
            if key in result:
                line, col = first_seen[key]
                raise _Refused(event.start_mark, key, f"each key once in a mapping (first at line {line}, column {col})",
                               child)
            first_seen[key] = (event.start_mark.line + 1, event.start_mark.column + 1)
            value, n = self.value(events, next(events), child, depth + 1)
            result[key] = value
            size += n + 1
        raise _Refused(None, "end of file", "the end of a mapping")

    def document(self, events: Any) -> Any:
        data: Any = None
        documents = 0
        for event in events:
            if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refused(event.start_mark, "a second document", "one YAML document per file")
                continue
            data, _ = self.value(events, event, "", 0)
        return data


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def load_yaml_document(text: str, source: str) -> Document:
    """Parse YAML (or JSON) text into a Document; every refusal names the source, line and column."""
    builder = _Builder()
    try:
        data = builder.document(iter(YAML(typ="safe", pure=True).parse(text)))
    except _Refused as exc:
        mark = exc.mark
        if exc.place and mark is not None:
            raise ScenarioError(source, exc.place, exc.value, exc.expected, line=(mark.line + 1, mark.column + 1)) from None
        place = _at(mark.line + 1, mark.column + 1) if mark is not None else "end of file"
        raise ScenarioError(source, place, exc.value, exc.expected) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = _at(mark.line + 1, mark.column + 1) if mark is not None else ""
        raise ScenarioError(source, place, _one_line(exc.problem or exc.context or "syntax error"),
                            "valid YAML or JSON") from None
    except YAMLError as exc:
        raise ScenarioError(source, "", _one_line(str(exc)), "valid YAML or JSON") from None
    except RecursionError:
        raise ScenarioError(source, "", "deep nesting", f"at most {MAX_DEPTH} levels of nesting") from None
    return Document(data, builder.positions)


def load_yaml_text(text: str, source: str) -> Any:
    """Parse YAML (or JSON) text; see ``load_yaml_document``."""
    return load_yaml_document(text, source).data


# -- JSON ------------------------------------------------------------------------------------


class _JsonRefused(Exception):
    def __init__(self, text: str, expected: str):
        super().__init__(expected)
        self.text, self.expected = text, expected


def _json_float(text: str) -> Decimal:
    if len(text) > 2 * MAX_DIGITS + 10 or not _digits_ok(text):
        raise _JsonRefused(text, f"a number of at most {MAX_DIGITS} digits (exponent at most {MAX_EXPONENT})")
    return Decimal(text)


def _json_constant(text: str) -> Any:
    raise _JsonRefused(text, "a finite number")


def _path_of(root: Any, target: Any) -> str:
    """The place of the mapping ``target`` inside ``root`` (found by identity, on the error path only)."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, place = stack.pop()
        if node is target:
            return place
        if isinstance(node, dict):
            stack.extend((v, f"{place}.{k}" if place else str(k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{place}[{i}]") for i, v in enumerate(node))
    return ""


def _position_in(text: str, needle: str) -> str:
    offset = text.find(needle)
    if offset < 0:
        return ""
    return _at(text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def load_json_text(text: str, source: str) -> Document:
    """Parse JSON text: exact decimals, and the same refusals as YAML."""
    duplicates: list[tuple[dict, str]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        made = dict(items)
        if len(made) != len(items) and not duplicates:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append((made, key))
                    break
                seen.add(key)
        return made

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError(source, _at(exc.lineno, exc.colno), exc.msg, "valid JSON") from None
    except _JsonRefused as exc:
        raise ScenarioError(source, _position_in(text, exc.text), exc.text, exc.expected) from None
    except RecursionError:
        raise ScenarioError(source, "", "deep nesting", f"at most {MAX_DEPTH} levels of nesting") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits); shorter ones are checked later
        raise ScenarioError(source, "", "an integer of thousands of digits", f"a number of at most {MAX_DIGITS} digits") from None
    if duplicates:
        made, key = duplicates[0]
        where = _path_of(data, made)
        place = f"{where}.{key}" if where else key
        raise ScenarioError(source, place, key, "each key once in a mapping")
    return Document(data)


# -- files -----------------------------------------------------------------------------------


def load_document(path: Path) -> Document:
    """Read a scenario, terms or catalogue file; a ``.json`` file takes the (much faster) JSON reader."""
    if path.suffix == ".json":
        return load_json_text(read_text(path, max_input_bytes("json")), str(path))
    return load_yaml_document(read_text(path, max_input_bytes("yaml")), str(path))


def load_yaml_file(path: Path) -> Any:
    """The data of ``load_document``."""
    return load_document(path).data


# -- a large JSON file, read as a stream ----------------------------------------------------


class NotStreamable(Exception):
    """The file is read whole instead (``load_document``): its refusals are the ones a person sees."""


_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]}:])[ \t\n\r]*")
_SPACE = re.compile(r"[ \t\n\r]*")
_WINDOW = 1 << 16  # an element shorter than this is never cut by the end of the text read so far
STREAM_CHUNK = 1 << 22  # bytes read at a time (more when a value is longer)


def _refuse_duplicates(items: list[tuple[str, Any]]) -> dict:
    made = dict(items)
    if len(made) != len(items):
        raise NotStreamable
    return made


class _Stream:
    """The UTF-8 text of a file, read a chunk at a time, and the place reached in it."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.text, self.pos, self.eof, self.chunk = "", 0, False, STREAM_CHUNK
        decoder = json.JSONDecoder(object_pairs_hook=_refuse_duplicates, parse_float=_json_float,
                                   parse_constant=_json_constant)
        self.scan = decoder.scan_once

    def more(self) -> bool:
        """Read the next chunk (at least as much again as is held, so a long value is read in few steps)."""
        if self.eof:
            return False
        data = self.raw.read(max(self.chunk, len(self.text) - self.pos))
        if b"\x00" in data:
            raise NotStreamable
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise NotStreamable from None
        self.eof = not data
        self.text, self.pos = self.text[self.pos:] + text, 0
        return True

    def value(self) -> Any:
        """The JSON value at the place, reading on until it is whole; the place moves past it."""
        while True:
            try:
                value, end = self.scan(self.text, self.pos)
            except (StopIteration, json.JSONDecodeError):
                if self.more():
                    continue
                raise NotStreamable from None
            except (_JsonRefused, ValueError, RecursionError):
                raise NotStreamable from None
            if end < len(self.text) or not self.more():  # a number cut at the end would read as a shorter one
                self.pos = end
                return value

    def separator(self) -> str:
        """The next structural character (``,``, ``]``, ``}`` or ``:``), moving past it and any white space."""
        while True:
            match = _SEPARATOR.match(self.text, self.pos)
            if match is not None and (match.end() < len(self.text) or self.eof):
                self.pos = match.end()
                return match.group(1)
            if not self.more():
                raise NotStreamable

    def opening(self, char: str) -> bool:
        """Move past white space, ``char`` and white space when ``char`` comes next; else only the first space."""
        self._space()
        if self.text.startswith(char, self.pos):
            self.pos += 1
            self._space()
            return True
        return False

    def _space(self) -> None:
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or not self.more():
                return


class JsonEvents:
    """The elements of a scenario's ``events`` list, parsed one at a time as they are read.

    Made by ``stream_json_document`` when ``events`` is the document's last key: iterating reads
    each element, then the end of the document.  Anything a whole read would refuse, or another
    key after ``events``, raises ``NotStreamable`` (and the caller reads the file whole).
    """

    def __init__(self, stream: _Stream) -> None:
        self.stream = stream

    def __iter__(self) -> Iterator[Any]:
        s = self.stream
        end = "]" if s.opening("]") else ","
        scan, separator = s.scan, _SEPARATOR.match
        while end == ",":
            if len(s.text) - s.pos < _WINDOW:
                s.more()
            # The common case inline (one element, then its separator, inside the text read so far);
            # anything else (an element cut by the end of the text, a refusal) takes ``value``.
            try:
                value, after = scan(s.text, s.pos)
                match = separator(s.text, after)
            except Exception:
                match = None
            if match is None or match.end() == len(s.text):
                value = s.value()
                end = s.separator()
            else:
                s.pos = match.end()
                end = match.group(1)
            yield value
        if end != "]" or s.separator() != "}" or s.pos != len(s.text):
            raise NotStreamable


def stream_json_document(raw: Any) -> Document | None:
    """Read a JSON scenario from a binary file up to its ``events`` list, which is left to be read as a stream.

    Returns None when ``events`` is missing or not a list, or the document is not a mapping:
    such a file is read whole.  A file refused by a whole read raises ``NotStreamable`` here or
    while its events are read.
    """
    s = _Stream(raw)
    data: dict[str, Any] = {}
    if not s.opening("{"):
        return None
    if s.opening("}"):
        return None
    while True:
        key = s.value()
        if not isinstance(key, str) or key in data or s.separator() != ":":
            raise NotStreamable
        if key == "events":
            # The validator reads these first: a file that gives them after its events is read whole.
            if not s.opening("[") or not {"outstanding", "persons"} <= data.keys():
                return None
            data[key] = JsonEvents(s)
            return Document(data)
        data[key] = s.value()
        if s.separator() != ",":
            return None
