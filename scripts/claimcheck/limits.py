"""Upper bounds on what a catalog may make the tools read or compute.

The catalog is edited by strangers in pull requests; these bounds keep a hostile or
careless edit from hanging CI or exhausting memory. Each is far above anything a real
article or claim needs (the largest real file is about 52 kB, the longest field a few
hundred characters) and is documented in docs/security.md.
"""

from __future__ import annotations

MAX_YAML_BYTES = 8 * 2**20      # one YAML file (topics.yml, references.yml, source.yml, claims.yml)
MAX_ARCHIVE_BYTES = 4 * 2**20   # one archived article text (the largest real one is 5 kB)
MAX_FIELD_CHARS = 20_000        # one text value (a quote, statement, rationale, note, URL...)
MAX_DEPTH = 64                  # nesting of lists and mappings in one YAML file (the catalog uses 5)
QUOTE_SEARCH_SECONDS = 2.0      # closest-passage search for one missing quote
QUOTE_SEARCH_TOTAL_SECONDS = 20.0  # all closest-passage searches in one check run
MAX_YAML_VALUES = 250_000       # values (scalars, lists, mappings) in one YAML file: memory
                                # grows with values, not bytes; the catalog has about 42 per
                                # claim, so one file may hold some 6,000 claims
MAX_CATALOG_VALUES = 1_000_000  # values in the whole catalog (10,000 claims are ~420,000)
MAX_PROBLEMS_SHOWN = 1_000      # problems printed by a text or GitHub report; the rest counted
MAX_PROBLEMS_PER_CHECK = 10_000  # problems one check reports before it stops
