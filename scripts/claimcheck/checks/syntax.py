"""YAML that cannot be read, duplicate keys, and missing files, found while loading."""

ID = "yaml-syntax"
DESCRIPTION = "Every file parses as YAML, with no key given twice in one mapping."


def check(catalog):
    return list(catalog.load_problems)
