"""A small HTTP server on 127.0.0.1 that plays every case the web sources must handle.

Routes (all under the server's base address):
    /index.html       an index page linking to the notices below (and to things that are not notices)
    /feed.xml         an RSS feed of the same notices;  /atom.xml  an Atom feed
    /n/<name>         a notice from tests/golden, with an ETag: answers 304 to If-None-Match
    /gbk/<name>       the notice as an HTML page encoded in GB18030 (as many government sites serve)
    /flaky/<name>     500 on the first request, then the notice
    /down             500 always
    /slow             sleeps past any test timeout before answering
    /loop             redirects to itself
    /to-file          redirects to a file:// address
    /huge             a 50 MB body sent in chunks, no Content-Length
    /huge-declared    a 50 MB Content-Length header (body sent lazily)
    /not-a-notice     a page of text that is no reform notice
    /gbk-index.html   an index page linking to /gbk/mofcom.txt
    /failures.html    an index page linking to every failure case above, and to two good notices
    /flaky-index.html 500 on the first request, then the index page
Hostile cases (issue 16):
    /gzip/<name>, /deflate/<name>, /raw-deflate/<name>   the notice content-encoded once (fine)
    /gzip-bomb        1 GiB of zeros, gzip once (about 1 MB on the wire)
    /gzip-gzip        4 GiB of zeros, gzip twice: `Content-Encoding: gzip, gzip`, about 10 KB on the wire
    /br               a body labelled `Content-Encoding: br`
    /trickle          a body sent one byte every 0.1 s, never ending
    /stall            headers and a few bytes, then nothing until the server stops
    /deep-index.html  160,000 nested <div> around one notice link;  /deep-notice  160,000 <div/>
    /links-<n>.html   an index page of n notice links
    /to-other-host    redirects to http://yange-elsewhere.invalid/ (another domain)
    /to-loopback-2    redirects to http://127.0.0.2:<port>/n/fujian.txt (loopback, another address)
    /to-localhost     redirects to http://localhost:<port>/n/fujian.txt
    /elsewhere.html   an index page linking to a notice here, on localhost and on 127.0.0.2
    /custom/<key>     whatever the test put in `custom[key]`: (body, Content-Encoding or None)
Every request is counted in `hits[path]`, every 200 answer with a body in `downloads[path]`.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
NOTICES = {
    "fujian.txt": GOLDEN / "fujian-2010-foreign-trade-sanding.txt",
    "mofcom.txt": GOLDEN / "mofcom-2003-unit-functions.txt",
}
FIFTY_MB = 50 * 1024 * 1024

INDEX = """<html><head><meta charset="utf-8"><title>机构编制</title></head><body>
<ul class="news">
 <li><a href="/n/fujian.txt">福建省对外贸易经济合作厅主要职责内设机构和人员编制规定</a></li>
 <li><a href="n/mofcom.txt#top">商务部关于印发机关服务中心等单位的主要职能的通知</a></li>
 <li><a href="/not-a-notice">关于召开会议的通知</a></li>
</ul>
<p><a href="/about.html">关于我们</a> <a href="mailto:x@example.org">联系</a></p>
</body></html>"""

FAILURES = """<html><body><ul>
<li><a href="/flaky/fujian.txt">a</a></li><li><a href="/n/mofcom.txt">b</a></li>
<li><a href="/slow">c</a></li><li><a href="/loop">d</a></li><li><a href="/to-file">e</a></li>
<li><a href="/huge">f</a></li><li><a href="/huge-declared">g</a></li><li><a href="/down">h</a></li>
<li><a href="/not-a-notice">i</a></li><li><a href="/missing">j</a></li>
</ul></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>通知公告</title><link>{base}/</link>
<item><title>福建省对外贸易经济合作厅主要职责内设机构和人员编制规定</title><link>{base}/n/fujian.txt</link></item>
<item><title>商务部主要职能通知</title><link>{base}/n/mofcom.txt</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>通知</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>商务部主要职能通知</title><id>urn:m</id><updated>2026-01-01T00:00:00Z</updated>
<link href="{base}/n/mofcom.txt"/></entry></feed>"""


DEEP_DIVS = 160_000


@functools.cache
def gzip_bomb(mib: int) -> bytes:
    """A gzip member of `mib` MiB of zeros, built in milliseconds: after a full
    flush, every further MiB of zeros compresses to the same bytes, so one block is repeated. Its
    trailer (CRC, size) is left zero: no reader that keeps to the cap gets that far."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 20)
    first = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    tail = deflater.flush()[:-8] + bytes(8)
    return first + block * (mib - 1) + tail


class NoticeServer:
    """Start with `serving()`; `base` is the address, `hits` counts requests per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.downloads: Counter[str] = Counter()
        self.stop = threading.Event()
        self.index_etag = '"index-v1"'
        self.custom: dict[str, tuple[bytes, str | None]] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                return

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server.hits[path] += 1
                try:
                    server.route(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up on purpose (size cap, timeout)

        return Handler

    def route(self, h: BaseHTTPRequestHandler, path: str) -> None:
        if path == "/index.html":
            self._send(h, INDEX.encode(), "text/html; charset=utf-8", etag=self.index_etag)
        elif path == "/gbk-index.html":
            link = '<a href="/gbk/mofcom.txt">商务部主要职能的通知</a>'
            self._send(h, f"<html><body>{link}</body></html>".encode(), "text/html; charset=utf-8")
        elif path == "/failures.html":
            self._send(h, FAILURES.encode(), "text/html; charset=utf-8")
        elif path == "/flaky-index.html":
            if self.hits[path] == 1:
                self._status(h, 500)
            else:
                self._send(h, INDEX.encode(), "text/html; charset=utf-8")
        elif path == "/feed.xml":
            self._send(h, RSS.format(base=self.base).encode(), "application/rss+xml")
        elif path == "/atom.xml":
            self._send(h, ATOM.format(base=self.base).encode(), "application/atom+xml")
        elif path.startswith("/n/") and path[3:] in NOTICES:
            body = NOTICES[path[3:]].read_bytes()
            self._send(
                h, body, "text/plain; charset=utf-8", etag='"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            )
        elif path.startswith("/gbk/") and path[5:] in NOTICES:
            lines = NOTICES[path[5:]].read_text(encoding="utf-8").splitlines()
            page = "".join(f"<p>{line}</p>" for line in lines)
            html = f'<html><head><meta charset="gb2312"><title>通知</title></head><body>{page}</body></html>'
            self._send(h, html.encode("gb18030"), "text/html")
        elif path.startswith("/flaky/") and path[7:] in NOTICES:
            if self.hits[path] == 1:
                self._status(h, 500)
            else:
                self._send(h, NOTICES[path[7:]].read_bytes(), "text/plain; charset=utf-8")
        elif path == "/down":
            self._status(h, 500)
        elif path == "/slow":
            self.stop.wait(5.0)
            self._send(h, b"late", "text/plain")
        elif path == "/loop":
            self._redirect(h, "/loop")
        elif path == "/to-file":
            self._redirect(h, "file:///etc/passwd")
        elif path == "/huge":
            self._huge(h, declared=False)
        elif path == "/huge-declared":
            self._huge(h, declared=True)
        elif self._hostile(h, path):
            return
        elif path == "/not-a-notice":
            self._send(h, "今天天气很好，我们去公园散步。".encode(), "text/plain; charset=utf-8")
        else:
            self._status(h, 404)

    def _hostile(self, h: BaseHTTPRequestHandler, path: str) -> bool:
        """The hostile routes (see the module docstring); False when `path` is none of them."""
        coded = re.fullmatch(r"/(gzip|deflate|raw-deflate)/(.+)", path)
        links = re.fullmatch(r"/links-(\d+)\.html", path)
        custom = self.custom.get(path.removeprefix("/custom/")) if path.startswith("/custom/") else None
        port = self._httpd.server_address[1]
        if coded and coded.group(2) in NOTICES:
            body = NOTICES[coded.group(2)].read_bytes()
            encoded = {"gzip": gzip.compress(body), "deflate": zlib.compress(body)}.get(coded.group(1))
            raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            if encoded is None:
                encoded = raw_deflate.compress(body) + raw_deflate.flush()
            coding = "gzip" if coded.group(1) == "gzip" else "deflate"
            self._send(h, encoded, "text/plain; charset=utf-8", encoding=coding)
        elif custom is not None:
            self._send(h, custom[0], "text/html", encoding=custom[1])
        elif path == "/gzip-bomb":
            self._send(h, gzip_bomb(1024), "text/plain", encoding="gzip")
        elif path == "/gzip-gzip":
            self._send(h, gzip.compress(gzip_bomb(4096)), "text/plain", encoding="gzip, gzip")
        elif path == "/br":
            self._send(h, b"\x0b\x02\x80notice\x03", "text/plain", encoding="br")
        elif path == "/trickle":
            self._dribble(h, every_s=0.1)
        elif path == "/stall":
            self._dribble(h, every_s=None)
        elif path == "/deep-index.html":
            link = '<a href="/n/fujian.txt">规定</a>'
            self._send(h, ("<div>" * DEEP_DIVS + link).encode(), "text/html; charset=utf-8")
        elif path == "/deep-notice":
            self._send(h, ("<html><body>" + "<div/>" * DEEP_DIVS).encode(), "text/html; charset=utf-8")
        elif links:
            anchors = "".join(f'<a href="/n/{i}.txt">通知{i}</a>' for i in range(int(links.group(1))))
            self._send(h, f"<html><body>{anchors}</body></html>".encode(), "text/html; charset=utf-8")
        elif path == "/to-other-host":
            self._redirect(h, "http://yange-elsewhere.invalid/n/fujian.txt")
        elif path == "/to-loopback-2":
            self._redirect(h, f"http://127.0.0.2:{port}/n/fujian.txt")
        elif path == "/to-localhost":
            self._redirect(h, f"http://localhost:{port}/n/fujian.txt")
        elif path == "/elsewhere.html":
            hrefs = [
                "/n/fujian.txt",
                f"http://localhost:{port}/n/mofcom.txt",
                f"http://127.0.0.2:{port}/n/mofcom.txt",
            ]
            anchors = "".join(f'<a href="{href}">通知</a>' for href in hrefs)
            self._send(h, f"<html><body>{anchors}</body></html>".encode(), "text/html; charset=utf-8")
        else:
            return False
        return True

    def _dribble(self, h: BaseHTTPRequestHandler, *, every_s: float | None) -> None:
        """A chunked body that never ends: a byte every `every_s` seconds, or a few bytes then silence."""
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        h.wfile.write(b"5\r\nhello\r\n")
        h.wfile.flush()
        while every_s is not None and not self.stop.wait(every_s):
            h.wfile.write(b"1\r\nx\r\n")
            h.wfile.flush()
        self.stop.wait()

    def _send(
        self,
        h: BaseHTTPRequestHandler,
        body: bytes,
        ctype: str,
        *,
        etag: str | None = None,
        encoding: str | None = None,
    ) -> None:
        if etag is not None and h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        if encoding is not None:
            h.send_header("Content-Encoding", encoding)
        if etag is not None:
            h.send_header("ETag", etag)
        h.end_headers()
        h.wfile.write(body)
        self.downloads[h.path.split("?")[0]] += 1

    def _status(self, h: BaseHTTPRequestHandler, code: int) -> None:
        h.send_response(code)
        h.send_header("Content-Length", "0")
        h.end_headers()

    def _redirect(self, h: BaseHTTPRequestHandler, to: str) -> None:
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()

    def _huge(self, h: BaseHTTPRequestHandler, *, declared: bool) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        if declared:
            h.send_header("Content-Length", str(FIFTY_MB))
        else:
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = ("通知" * 32768).encode()  # 192 KiB
        sent = 0
        while sent < FIFTY_MB and not self.stop.is_set():
            if declared:
                h.wfile.write(chunk)
            else:
                h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
        if not declared:
            h.wfile.write(b"0\r\n\r\n")

    @contextmanager
    def serving(self) -> Iterator[NoticeServer]:
        thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            thread.join(timeout=5)
