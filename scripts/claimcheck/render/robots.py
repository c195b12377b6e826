"""robots.txt: every page may be crawled, and the sitemap is named by its full address.

Crawlers read robots.txt only at the root of a host; a site published below a sub-path
(a GitHub Pages project site) still writes it, for a deploy that serves it at the root.
"""

from __future__ import annotations

from urllib.parse import urljoin


def robots_txt(site_url: str) -> str:
    """The file's text; without a site address no Sitemap line (it must be absolute)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url.rstrip('/') + '/', 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
