"""Run libcoveocds with no network.

libcoveocds reads the OCDS schema from `--standard-zip`, but still fetches two kinds of URL:
the versioned-release schema that the record-package schema references by absolute URL, and the
extensions a package declares. This wrapper answers those requests from local copies
(`../shared/standards`), and fails loudly on any other URL, so the check never goes online and
never silently skips an extension.

Usage: python libcoveocds_offline.py <standards dir> <libcoveocds arguments...>
"""

import io
import os
import sys
import zipfile
from pathlib import Path

import requests
import urllib3

STANDARDS = Path(sys.argv[1]).resolve()
ZIP = STANDARDS / "ocds" / "standard-1__1__5.zip"
SCHEMA_URLS = (
    "https://standard.open-contracting.org/schema/1__1__5/",
    "http://standard.open-contracting.org/schema/1__1__5/",
)
EXTENSIONS = {
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/":
        STANDARDS / "ocds-extensions" / "metrics",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/":
        STANDARDS / "ocds-extensions" / "bids",
}


ARCHIVES = {
    "https://github.com/open-contracting-extensions/ocds_metrics_extension/archive/master.zip":
        ("ocds_metrics_extension-master", STANDARDS / "ocds-extensions" / "metrics"),
    "https://github.com/open-contracting-extensions/ocds_bid_extension/archive/v1.1.5.zip":
        ("ocds_bid_extension-1.1.5", STANDARDS / "ocds-extensions" / "bids"),
}


def archive(top, folder):
    """A zip of a local extension folder, as GitHub serves a repository archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{top}/", b"")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, f"{top}/{path.relative_to(folder)}")
    return buf.getvalue()


def local(url):
    """The bytes of a known URL, None for a known location without that file."""
    if url in ARCHIVES:
        return archive(*ARCHIVES[url])
    for base in SCHEMA_URLS:
        if url.startswith(base):
            name = url[len(base):]
            with zipfile.ZipFile(ZIP) as z:
                top = z.namelist()[0]
                try:
                    return z.read(f"{top}schema/{name}")
                except KeyError:
                    return None
    for base, folder in EXTENSIONS.items():
        if url.startswith(base):
            path = folder / url[len(base):]
            return path.read_bytes() if path.is_file() else None
    raise requests.ConnectionError(f"offline: no local copy of {url}")


def send(self, request, **kwargs):
    if os.environ.get("OFFLINE_DEBUG"):
        print("GET", request.url, file=sys.stderr)
    body = local(request.url)
    raw = urllib3.response.HTTPResponse(
        body=io.BytesIO(body or b""),
        status=200 if body is not None else 404,
        reason="OK" if body is not None else "Not Found",
        headers={"Content-Type": "application/octet-stream"},
        preload_content=False,
        request_url=request.url,
    )
    return self.build_response(request, raw)


requests.adapters.HTTPAdapter.send = send

if __name__ == "__main__":
    from libcoveocds.__main__ import main

    sys.argv = ["libcoveocds", *sys.argv[2:]]
    main()
