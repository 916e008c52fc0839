"""Public page throughput against a trivial Django view, on this machine.

Serves the demo database with gunicorn (2 sync workers, production settings) on
127.0.0.1 and sends requests from a few client threads for a fixed time per
page. Prints requests per second and the ratio to /healthz. Loopback only;
every loop is bounded in time.

    make bench-pages        (or: .venv/bin/python -m bench.pages --seconds 5)
"""

import argparse
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8799
PAGES = [
    "/healthz",
    "/fi/",
    "/fi/hankkeet/",
    "/fi/hankkeet/kainuu/",
    "/fi/julkaisut/",
    "/fi/julkaisut/sosiaalisesti-kestava-kainuu/",
    "/sv/projekt/kymenlaakso/",
]


def _environment(database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="socoba_portal.settings.prod",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=env.get("DATABASE_URL") or f"sqlite:///{database}",
    )
    return env


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def _hammer(path, seconds, threads):
    counts, errors, stop = [0] * threads, [0] * threads, time.monotonic() + seconds

    def worker(index):
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[index] += 1
                else:
                    errors[index] += 1
            except OSError:
                errors[index] += 1
            finally:
                connection.close()

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(counts) / seconds, sum(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder) / "bench.sqlite3")
        env["MEDIA_ROOT"] = str(Path(folder) / "media")
        env["STATIC_ROOT"] = str(Path(folder) / "static")
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_demo")
        _manage(env, "collectstatic", "--no-input")
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        command = [gunicorn, "socoba_portal.wsgi", "--workers", "2", "--worker-class", "sync"]
        server = subprocess.Popen(  # noqa: S603
            [*command, "--bind", f"127.0.0.1:{PORT}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(50):
                try:
                    http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            baseline = None
            print(f"{'page':50} {'req/s':>8} {'of /healthz':>12} {'errors':>7}")
            for path in PAGES:
                _hammer(path, 1, options.threads)  # warm up
                rate, errors = _hammer(path, options.seconds, options.threads)
                baseline = baseline or rate
                print(f"{path:50} {rate:8.0f} {rate / baseline:11.0%} {errors:7d}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
