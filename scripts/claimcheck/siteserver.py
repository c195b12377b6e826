"""Serve a built site on 127.0.0.1 for LinkChecker: ``python -m claimcheck.siteserver site``.

It is ``python -m http.server`` plus one response header, ``LinkChecker``. LinkChecker
throttles every host to about three requests a second unless the server sends that header;
only then does it use ``maxrequestspersecond`` from .github/linkcheckerrc. On a site of
some 2,000 links that is the difference between ten minutes and well under one.
"""

from __future__ import annotations

import argparse
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local")  # the only difference from http.server
        super().end_headers()

    def log_message(self, *args):  # LinkChecker reports what matters
        pass


def make_server(directory: str, port: int = 0, bind: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for ``directory``; port 0 picks a free port (see ``server_address``)."""
    server = ThreadingHTTPServer((bind, port), functools.partial(Handler, directory=directory))
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m claimcheck.siteserver", description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="the built site, e.g. site")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = make_server(args.directory, args.port, args.bind)
    print(f"serving {args.directory} at http://{args.bind}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
