"""Uploaded files are served as the type their extension allows, never sniffed, never run:
by the development view (socoba_portal.views.media) and by nginx (deploy/nginx-media.conf)."""

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NGINX_SNIPPET = Path(__file__).resolve().parent.parent / "deploy" / "nginx-media.conf"

# name, content, Content-Type, Content-Disposition
SERVED = [
    ("raportti.pdf", b"%PDF-1.4\n", "application/pdf", "inline"),
    ("kansi.png", b"\x89PNG\r\n\x1a\n", "image/png", "inline"),
    ("kuva.jpg", b"\xff\xd8\xff", "image/jpeg", "inline"),
    ("kuva.webp", b"RIFF\0\0\0\0WEBP", "image/webp", "inline"),
    ("muistio.txt", "Päivän muistiinpanot\n".encode(), "text/plain; charset=utf-8", "attachment"),
    ("esitys.docx", b"PK\x03\x04", DOCX_TYPE, "attachment"),
    # Files stored before uploads were checked, or put in MEDIA_ROOT by hand: downloads, never pages.
    ("page.html", b"<script>fetch('/admin/')</script>", "application/octet-stream", "attachment"),
    (
        "kuva.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "application/octet-stream",
        "attachment",
    ),
    ("x.js", b"alert(1)", "application/octet-stream", "attachment"),
    ("ilman-paatetta", b"<html>", "application/octet-stream", "attachment"),
]


@pytest.fixture
def media_files(settings):
    folder = Path(settings.MEDIA_ROOT) / "legacy"
    folder.mkdir(parents=True)
    for name, content, _type, _disposition in SERVED:
        (folder / name).write_bytes(content)
    return folder


def assert_safe_headers(headers, content_type, disposition):
    assert headers["Content-Type"] == content_type
    assert headers["Content-Disposition"] == disposition
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "sandbox"


@pytest.mark.urls("tests.media_urls")
@pytest.mark.parametrize(("name", "content", "content_type", "disposition"), SERVED)
def test_the_development_server_serves_uploads_safely(
    client, media_files, name, content, content_type, disposition
):
    response = client.get(f"/media/legacy/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert_safe_headers(response.headers, content_type, disposition)


@pytest.mark.urls("tests.media_urls")
def test_the_development_server_does_not_serve_outside_media_root(client, media_files):
    client.raise_request_exception = False
    assert client.get("/media/../settings.py").status_code == 400  # SuspiciousFileOperation
    assert client.get("/media/%2e%2e/settings.py").status_code == 400
    assert client.get("/media/legacy/").status_code == 404  # no directory listing


def test_the_portal_serves_media_only_in_development(client, media_files):
    assert client.get("/media/legacy/raportti.pdf").status_code == 404  # DEBUG is off in tests


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(tmp_path, media_files):
    """nginx on a loopback port with the production snippet, MEDIA_ROOT put in its alias."""
    binary = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    snippet = NGINX_SNIPPET.read_text().replace("/srv/socoba/media/", f"{media_files.parent}/")
    port = _free_port()
    run = tmp_path / "nginx"
    run.mkdir()
    (run / "media.conf").write_text(snippet)
    temp_paths = " ".join(
        f"{kind}_temp_path {run};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (run / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # pytest's temporary folders are private to their owner
        + f"daemon off; pid {run}/nginx.pid; error_log {run}/error.log;\n"
        + "events {}\n"
        + f"http {{ access_log off; {temp_paths}\n"
        + f"  server {{ listen 127.0.0.1:{port}; include {run}/media.conf; }}\n}}\n"
    )
    process = subprocess.Popen(  # noqa: S603 (a fixed binary and our own config)
        [binary, "-p", str(run), "-e", str(run / "error.log"), "-c", str(run / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(("name", "content", "content_type", "disposition"), SERVED)
def test_nginx_serves_uploads_as_the_development_server_does(nginx, name, content, content_type, disposition):
    connection = http.client.HTTPConnection("127.0.0.1", nginx, timeout=5)
    connection.request("GET", f"/media/legacy/{name}")
    response = connection.getresponse()
    assert response.status == 200
    assert response.read() == content
    assert_safe_headers(response.headers, content_type, disposition)
    connection.close()
