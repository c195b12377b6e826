"""claimcheck new: find a quote in a source's archive and append a claim stub for it.

The stub is appended as text, so the rest of claims.yml (comments, blank lines, quoting)
stays byte for byte as the contributor wrote it.
"""

from __future__ import annotations

import re
import textwrap

import yaml

from ..catalog import CLAIMS_FILE
from ..problems import display_path
from ..stubs import Prefill, claim_stub, schema_line
from ..suggest import overlapping, quoted_spans, suggest, suggestion_for
from ..textmatch import Archive
from .common import UsageError, add_catalog_argument, find_source, load


ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_STOP = frozenset("a an and are as at be been being but by can do does for from has have in into "
                  "is it its of on or that the their there these this those to was were which "
                  "will with".split())
# Words that say who reported a claim, or how strongly, rather than what it claims.
_FILLER = frozenset("according actually also been being believe believed believes certainly "
                    "clearly do does eight even experts five found four indeed just literally "
                    "many much new nine now often one published quite really recent recently "
                    "report reported reports research researchers said say says scientists seven "
                    "show showed showing shown shows simply six so studies study suggest suggests "
                    "ten think thinks three truly two very".split())
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_ID_WORDS = 4  # key words after the source id: short enough to read in an address


def add_arguments(parser):
    parser.add_argument("--source", required=True, metavar="ID", help="source id (its folder name)")
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--quote", metavar="TEXT",
                       help="the words of the claim as they stand in the archive (a phrase is enough)")
    given.add_argument("--suggestion", metavar="NUMBER|TEXT",
                       help="a suggestion of 'claimcheck suggest' (its number, or its quote): "
                            "topics, speaks_of and candidate evidence are pre-filled from the "
                            "most similar catalogued claim, marked for review")
    parser.add_argument("--id", metavar="ID", help="claim id (default: proposed from the quote)")
    add_catalog_argument(parser)


def propose_id(source: str, quote: str, taken: set[str]) -> str:
    """<source>-<the quote's first key words>, made unique with -2, -3... Key words are
    what the claim is about: no small words, no years, no filler ("scientists published
    two studies showing that ketamine quiets..." gives ketamine-quiets-...). A quote of
    filler alone keeps its non-small words, so the id still reads as the quote."""
    raw = re.findall(r"[a-z0-9]+", quote.lower())
    words = [w for w in raw if not _YEAR.match(w)]
    content = [w for w in words if w not in _STOP]
    key = [w for w in content if w not in _FILLER]
    content = (key if len(key) >= 2 else content) or words or raw or ["claim"]
    base = f"{source}-{'-'.join(content[:_ID_WORDS])}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def closest_passages(archive_text: str, quote: str, n: int = 3) -> list[tuple[int, float, str]]:
    """The n archive lines (paragraphs) holding the passages most like the quote:
    (line number, similarity, passage)."""
    found = []
    for number, line in enumerate(archive_text.splitlines(), start=1):
        if not line.strip():
            continue
        best = Archive(line).closest(quote)
        if best:
            span, ratio = best
            end = re.search(r"\s|$", line[span.end:]).start() + span.end  # finish the last word
            found.append((number, ratio, line[span.start:end]))
    return sorted(found, key=lambda f: (-f[1], f[0]))[:n]


def _item_indent(text: str, doc) -> str:
    """The indent before the dash of the existing claims, so the stub joins the same list."""
    first = doc.at(("claims", 0))
    if first is None:
        return "  "
    match = re.match(r"^( *)-", text.splitlines()[first.line - 1])
    return match.group(1) if match else "  "


def _check_id(claim_id: str, source: str, taken: set[str]) -> None:
    if not ID_PATTERN.fullmatch(claim_id):
        raise UsageError(f"--id '{claim_id}' is not valid; use lower-case words joined by hyphens")
    if not claim_id.startswith(source + "-"):
        raise UsageError(f"--id '{claim_id}' must start with the source id: '{source}-...'")
    if claim_id in taken:
        raise UsageError(f"claim id '{claim_id}' is already used; choose another")


def run(args) -> int:
    catalog, _ = load(args.catalog)
    source = find_source(catalog, args.source)
    archive = catalog.archive(source)
    prefill = None
    if args.suggestion is not None:
        args.quote, prefill = _from_suggestion(catalog, source, args.suggestion)
    quote = " ".join(args.quote.split())
    if len(quote) < 8:
        raise UsageError("the quote is too short; give at least a few words of the claim")

    span = archive.find(quote)
    if span is None:
        print(f"quote not found in {display_path(source.archive_path)}; nothing was written.\n"
              "Copy the words exactly as they stand (only spaces and curly quotes may differ). "
              "Closest passages:")
        for number, ratio, passage in closest_passages(archive.text, quote):
            clipped = textwrap.shorten(passage, 200, placeholder=" …")
            print(f"  line {number} ({ratio:.0%} alike): \"{clipped}\"")
        return 1
    # The archive's own words (curly quotes kept), with runs of white space made single spaces.
    found = " ".join(archive.text[span.start:span.end].split())
    archive_line, _ = archive.line_col(span.start)

    taken = {c.id for c in catalog.claims}
    claim_id = args.id or propose_id(source.folder.name, found, taken)
    _check_id(claim_id, source.folder.name, taken)
    code = _append(source, catalog, claim_id, found, archive_line, prefill)
    # A sentence may hold two claims, but the same claim must not be catalogued twice.
    if others := overlapping(quoted_spans(catalog, source), span.start, span.end):
        print(f"Note: these words overlap the quote of {', '.join(others)}: make sure the "
              "new claim asserts something else, or delete the stub")
    return code


def _parsed_claims(text: str) -> list:
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return (data or {}).get("claims") or []


def _from_suggestion(catalog, source, wanted: str) -> tuple[str, Prefill | None]:
    """The quote of a suggestion (by its number in 'claimcheck suggest', or its words) and
    what the most similar catalogued claim offers to pre-fill."""
    if not wanted.strip().isdigit():
        # The contributor's words, perhaps part of a sentence; any words of the archive
        # still make a claim, without a prefill, when no sentence holds them.
        chosen = suggestion_for(catalog, source, wanted)
        return wanted, _prefill(chosen) if chosen else None
    everything = suggest(catalog, source, include_quoted=True)  # numbers rank every sentence
    chosen = next((s for s in everything if s.number == int(wanted)), None)
    if chosen is None:
        raise UsageError(f"no suggestion number {wanted} for '{source.folder.name}' "
                         f"(numbers run from 1 to {len(everything)}); "
                         f"see: claimcheck suggest {source.folder.name}")
    return chosen.quote, _prefill(chosen)


def _prefill(chosen) -> Prefill | None:
    if not chosen.similar:
        return None
    claim, score = chosen.similar[0]
    return Prefill(
        claim_id=claim.id, score=score, verdict=claim.verdict,
        topics=[t for t in claim.topics if t], speaks_of=claim.speaks_of,
        evidence=[(e.ref, e.relation) for e in claim.evidence if e.ref])


def _append(source, catalog, claim_id: str, quote: str, archive_line: int,
            prefill: Prefill | None = None) -> int:
    path = source.folder / CLAIMS_FILE
    if path.is_symlink() or source.folder.is_symlink():  # never write outside the catalog
        raise UsageError(f"{display_path(path)} is a symbolic link; refusing to write through "
                         "it: make it a real file inside the catalog")
    doc = next((d for d in catalog.docs if d.path == path), None)
    if doc is not None and not doc.ok:
        raise UsageError(f"{display_path(path)} is not valid YAML; run 'claimcheck check' and fix it first")
    old = path.read_text(encoding="utf-8") if path.is_file() else schema_line(path) + "claims:\n"
    prefix = old if old.endswith("\n") or not old else old + "\n"
    indent = _item_indent(prefix, doc) if doc is not None else "  "
    stub = claim_stub(claim_id, quote, archive_line, [t.id for t in catalog.topics if t.id], indent,
                      prefill)

    # Refuse rather than corrupt: the file must still parse to the old claims plus this one.
    try:
        before = _parsed_claims(old)
        if before and not prefix.endswith("\n\n"):
            prefix += "\n"  # a blank line between claims, as in the hand-written files
        after = _parsed_claims(prefix + stub)
        appended = after[:-1] == before and after[-1].get("id") == claim_id
    except (yaml.YAMLError, AttributeError, TypeError, IndexError):
        appended = False
    if not appended:
        raise UsageError(f"cannot append to {display_path(path)}: 'claims:' must be a block list "
                         "(one '- id:' item per claim) at the end of the file")
    path.write_text(prefix + stub, encoding="utf-8")
    line = prefix.count("\n") + stub.split(f"- id: {claim_id}")[0].count("\n") + 1
    print(f"{display_path(path)}:{line}: added claim '{claim_id}' "
          f"(quote found at {display_path(source.archive_path)}:{archive_line})")
    if prefill is not None:
        print(f"Pre-filled from {prefill.claim_id} (similarity {prefill.score:.2f}): review every "
              "line marked '# review:'; the verdict and relations are yours to decide")
    print('Fill in every TODO and "" in the stub, then run: claimcheck check')
    return 0
