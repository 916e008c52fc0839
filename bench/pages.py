"""Public page throughput: the real server under wrk, against /healthz, in one table.

    make bench-pages          (installs Debian's wrk if it is missing)
    .venv/bin/python -m bench.pages --seconds 1 --databases sqlite --scales 1   # a smoke run, ~1½ min

Each round (database × demo scale) gets a fresh temporary database: a SQLite file, or a
throw-away PostgreSQL database ``socoba_bench_<pid>`` on 127.0.0.1:5432 (user postgres,
trust auth), dropped afterwards even when the round fails. The round runs migrate,
createcachetable, collectstatic and ``load_demo`` (``load_demo --scale N`` for a scale
above 1; skipped with a note while load_demo has no --scale), then serves the portal with
gunicorn (2 sync workers, ``socoba_portal.settings.prod``) on 127.0.0.1 only, and wrk
drives it for ``--seconds`` per measurement:

- /healthz at the start and at the end of the round; their mean is the round's baseline,
  and every "÷ /healthz" is req/s divided by it (the two /healthz rows show their drift).
- Every page in every language twice: warm (the same URL again and again, after a few
  requests to warm up) and cold (bench/wrk.lua appends ``?cold=<unique>`` to every
  request: a parameter no page reads, so the page cache makes the page afresh every time,
  as right after a change, and stores nothing; a real miss also stores the page, a write
  of a few tenths of a millisecond more).

SQL queries are counted once per page outside the load, in-process with Django's test
Client on the same database and settings, as an anonymous visitor (bench/page_paths.py):
"SQL" is the page's own queries, "cache SQL" those on the database cache table; cold rows
show the queries of a request with a new query parameter, warm rows those of the same URL
requested again. The table also goes to bench/results/pages-latest.md for the README.

Goals (last column, and a summary below the table): warm ≥ 50 % of /healthz, cold ≥ 6 %,
p99 ≤ 4 × p50, no errors (non-2xx/3xx answers, socket errors, a page that does not answer
200) and PostgreSQL within 10 % of SQLite (its req/s at least 90 % of SQLite's for the same
page, mode and scale; "vs SQLite"). /healthz rows are judged on errors only. Below the goals,
each round's two /healthz: far apart, the machine's load changed during the round. The exit
status is 0 whatever the goals; 1 only when a round could not run.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import importlib.metadata
import itertools
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.page_paths import LANGUAGES, PAGES

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
MARKDOWN = Path(__file__).with_name("results") / "pages-latest.md"
HOST = "127.0.0.1"
DATABASES = ("sqlite", "postgresql")
POSTGRES = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}  # trust auth
POSTGRES_CONNECTION = ["-h", POSTGRES["host"], "-p", POSTGRES["port"], "-U", POSTGRES["user"]]
WORKERS = 2
WARM_UP_REQUESTS_PER_CONNECTION = 3
WRK_TIMEOUT_SECONDS = 10  # a slower answer counts as a socket error

WARM_GOAL, COLD_GOAL, TAIL_GOAL, POSTGRES_GOAL = 0.50, 0.06, 4.0, 0.90
BASELINE_DRIFT = 0.20  # /healthz at a round's start and end further apart: a note that the machine was busy
GOALS = {
    "warm": "warm ≥ 50 % of /healthz",
    "cold": "cold ≥ 6 % of /healthz",
    "p99": "p99 ≤ 4 × p50",
    "errors": "no errors",
    "vs SQLite": "PostgreSQL within 10 % of SQLite",
}


class RoundFailed(Exception):
    """A round could not be set up or run; the others still are."""


@dataclass
class Row:
    """One measurement: a page in one mode (warm, cold; /healthz: start, end) in one round."""

    database: str
    scale: int
    page: str
    path: str
    mode: str
    requests: int
    seconds: float
    status_errors: int
    socket_errors: int
    p50_ms: float
    p99_ms: float
    status: int | None = None  # of the in-process request; None for /healthz
    queries: int | None = None
    cache_queries: int | None = None
    baseline: float = 0.0  # the round's /healthz req/s
    versus_sqlite: float | None = None
    missed: list = field(default_factory=list)

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def ratio(self):
        return self.rate / self.baseline if self.baseline else 0.0

    @property
    def is_baseline(self):
        return self.page == "healthz"


# The environment: machine, revision, tools.


def _output(*command):
    try:
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (completed.stdout or completed.stderr).strip()


def machine():
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown CPU")
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"{model}, {os.cpu_count()} cores (wrk shares them with the server); load average at the start {load}"


def revision():
    commit = _output("git", "rev-parse", "--short", "HEAD")
    branch = _output("git", "rev-parse", "--abbrev-ref", "HEAD")
    changed = _output("git", "status", "--porcelain", "--untracked-files=no")
    return f"{commit} ({branch}{', with uncommitted changes' if changed else ''})"


def versions(databases):
    wrk = _output("wrk", "--version").splitlines()[0].split(" [")[0]
    parts = [
        f"Python {platform.python_version()}",
        f"Django {importlib.metadata.version('django')}",
        f"gunicorn {importlib.metadata.version('gunicorn')}",
        wrk,
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if "postgresql" in databases:
        server = _output("psql", *POSTGRES_CONNECTION, "-AtXc", "SHOW server_version")
        parts.append(f"PostgreSQL {server.split()[0] if server else '(not reachable)'}")
    return ", ".join(parts)


def environment(database_url, folder):
    """Production settings, with what plain HTTP on 127.0.0.1 needs; no inherited database or Redis."""
    env = {name: value for name, value in os.environ.items() if name not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="socoba_portal.settings.prod",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
        STATIC_ROOT=str(folder / "static"),
    )
    return env


def _run(command, env=None, timeout=1800):
    """Run a setup command; a failure is the round's, with the command's last words."""
    try:
        completed = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise RoundFailed(f"{' '.join(command[:4])} took over {timeout} s") from error
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        raise RoundFailed(f"{' '.join(command[:4])} failed: {' / '.join(tail)}")
    return completed.stdout


def manage(env, *args):
    return _run([sys.executable, "manage.py", *args], env=env)


def load_demo_scales(folder):
    """Whether ``load_demo`` takes ``--scale N`` (another branch is adding it)."""
    env = environment(f"sqlite:///{folder / 'help.sqlite3'}", folder)
    return "--scale" in manage(env, "load_demo", "--help")


# A round's database and server, always cleaned up.


@contextmanager
def fresh_database(database, folder):
    """A new, empty database's URL; a PostgreSQL database is dropped afterwards, always."""
    if database == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    name = f"socoba_bench_{os.getpid()}"
    _run(["createdb", *POSTGRES_CONNECTION, name], timeout=60)
    try:
        yield f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
    finally:
        # --force: also when a connection is still open (the server is stopped before this).
        _run(["dropdb", *POSTGRES_CONNECTION, "--if-exists", "--force", name], timeout=60)


def _free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _get(port, path, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@contextmanager
def server(env, folder):
    """gunicorn on a free loopback port; stopped afterwards with all its workers."""
    port, log = _free_port(), folder / "gunicorn.log"
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "socoba_portal.wsgi",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--bind={HOST}:{port}",
        "--graceful-timeout=5",
        "--no-control-socket",  # its default path is shared by every gunicorn of the user
        f"--error-logfile={log}",
    ]
    # Its own process group: the workers can be found (and ended) by the master's id.
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/healthz", timeout=2) == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text().strip().splitlines()[-3:] if log.exists() else []
                raise RoundFailed(f"gunicorn did not start: {' / '.join(tail)}")
            time.sleep(0.2)
        yield port
    finally:
        _stop(process)


def _stop(process):
    process.terminate()
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a worker that outlived its master, or the master itself
    process.wait(timeout=10)


# Measuring.

_measurements = itertools.count(1)


def wrk(port, path, mode, options):
    """One wrk run: the parsed JSON line of bench/wrk.lua's done()."""
    run = f"{os.getpid()}-{next(_measurements)}"  # unique cold parameters across measurements
    command = [
        "wrk",
        f"--threads={options.threads}",
        f"--connections={options.connections}",
        f"--duration={options.seconds}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        f"--script={WRK_SCRIPT}",
        f"http://{HOST}:{port}{path}",
        "--",
        mode,
        run,
    ]
    try:
        completed = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=options.seconds + 60, check=True
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise RoundFailed(f"wrk failed on {path}: {error}") from error
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise RoundFailed(f"wrk printed no result for {path}: {completed.stdout.strip()[-200:]}")


def warm_up(port, path, connections):
    """A few requests on every connection: each worker has the page's templates, a page cache the page."""
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        list(pool.map(lambda _: _safe_get(port, path), range(connections * WARM_UP_REQUESTS_PER_CONNECTION)))


def _safe_get(port, path):
    try:
        return _get(port, path)
    except OSError:
        return None  # wrk will count it


def measure(database, scale, page, path, mode, port, options, **details):
    result = wrk(port, path, "cold" if mode == "cold" else "warm", options)
    row = Row(
        database=database,
        scale=scale,
        page=page,
        path=path,
        mode=mode,
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        status_errors=result["status_errors"],
        socket_errors=sum(result[kind] for kind in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        **details,
    )
    progress(f"  {path:52} {mode:5} {row.rate:8.1f} req/s  p50 {row.p50_ms:6.1f} ms  p99 {row.p99_ms:6.1f} ms")
    return row


def set_up(env, scale, options):
    """The round's database: schema, cache table, static files, demo data; then its pages."""
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_demo", *(["--scale", str(scale)] if scale != 1 else []))
    pages = f"--pages={','.join(options.pages)}"
    languages = f"--languages={','.join(options.languages)}"
    return json.loads(_run([sys.executable, "-m", "bench.page_paths", pages, languages], env=env))


def run_round(database, scale, options):
    with tempfile.TemporaryDirectory(prefix="socoba-bench-") as name:
        folder = Path(name)
        with fresh_database(database, folder) as url:
            env = environment(url, folder)
            started = time.monotonic()
            pages = set_up(env, scale, options)
            progress(f"  set up in {time.monotonic() - started:.0f} s: {len(pages)} pages")
            with server(env, folder) as port:
                rows = [measure(database, scale, "healthz", "/healthz", "start", port, options)]
                for page in pages:
                    warm_up(port, page["path"], options.connections)
                    for mode in ("warm", "cold"):
                        rows.append(
                            measure(
                                database,
                                scale,
                                page["page"],
                                page["path"],
                                mode,
                                port,
                                options,
                                status=page["status"][mode],
                                queries=page["queries"][mode]["page"],
                                cache_queries=page["queries"][mode]["cache"],
                            )
                        )
                rows.append(measure(database, scale, "healthz", "/healthz", "end", port, options))
    baseline = (rows[0].rate + rows[-1].rate) / 2
    for row in rows:
        row.baseline = baseline
    return rows


# Judging and printing.


def judge(rows):
    sqlite = {(row.scale, row.path, row.mode): row for row in rows if row.database == "sqlite"}
    for row in rows:
        errors = row.status_errors or row.socket_errors or not row.requests or row.status not in (None, 200)
        row.missed = ["errors"] if errors else []
        if row.is_baseline:
            continue
        if row.mode == "warm" and row.ratio < WARM_GOAL:
            row.missed.append("warm")
        if row.mode == "cold" and row.ratio < COLD_GOAL:
            row.missed.append("cold")
        if row.p99_ms > TAIL_GOAL * row.p50_ms:
            row.missed.append("p99")
        reference = sqlite.get((row.scale, row.path, row.mode))
        if row.database == "postgresql" and reference and reference.rate:
            row.versus_sqlite = row.rate / reference.rate
            if row.versus_sqlite < POSTGRES_GOAL:
                row.missed.append("vs SQLite")


def _percent(value):
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def _cells(row):
    verdict = "PASS" if not row.missed else "FAIL: " + ", ".join(row.missed)
    if row.status not in (None, 200):
        verdict += f" (answers {row.status})"
    return [
        row.database,
        str(row.scale),
        "/healthz" if row.is_baseline else row.page,
        row.path,
        row.mode,
        f"{row.rate:.0f}" if row.rate >= 100 else f"{row.rate:.1f}",
        _percent(row.ratio),
        f"{row.p50_ms:.1f}",
        f"{row.p99_ms:.1f}",
        f"{row.p99_ms / row.p50_ms:.1f}" if row.p50_ms else "–",
        str(row.status_errors),
        str(row.socket_errors),
        "–" if row.queries is None else str(row.queries),
        "–" if row.cache_queries is None else str(row.cache_queries),
        "–" if row.versus_sqlite is None else _percent(row.versus_sqlite),
        verdict,
    ]


HEADINGS = [
    "database",
    "scale",
    "page",
    "path",
    "mode",
    "req/s",
    "÷ /healthz",
    "p50 ms",
    "p99 ms",
    "p99 ÷ p50",
    "non-2xx/3xx",
    "socket errors",
    "SQL",
    "cache SQL",
    "vs SQLite",
    "goals",
]
NUMERIC = {"scale", "req/s", "÷ /healthz", "p50 ms", "p99 ms", "p99 ÷ p50", "non-2xx/3xx", "socket errors"}
NUMERIC |= {"SQL", "cache SQL", "vs SQLite"}


def table(rows):
    """A Markdown table with aligned columns: readable in a terminal, pasteable into the README."""
    lines = [HEADINGS, *(_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADINGS))]

    def join(cells):
        padded = [
            cell.rjust(width) if heading in NUMERIC else cell.ljust(width)
            for cell, width, heading in zip(cells, widths, HEADINGS, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (width - 1) + (":" if heading in NUMERIC else "-")
        for width, heading in zip(widths, HEADINGS, strict=True)
    ]
    return [join(lines[0]), join(rule), *(join(cells) for cells in lines[1:])]


def summary(rows, databases):
    """A line per goal: met by all rows, or missed by which; then the baselines."""
    pages = [row for row in rows if not row.is_baseline]
    judged = {
        "warm": [row for row in pages if row.mode == "warm"],
        "cold": [row for row in pages if row.mode == "cold"],
        "p99": pages,
        "errors": rows,
        "vs SQLite": [row for row in pages if row.versus_sqlite is not None],
    }
    lines, missed_goals = ["Goals:"], []
    for goal, text in GOALS.items():
        candidates = judged[goal]
        if not candidates:
            reason = "only one database measured" if goal == "vs SQLite" and len(databases) < 2 else "no rows"
            lines.append(f"- {text}: not judged ({reason})")
            continue
        missed = [row for row in candidates if goal in row.missed]
        verdict = (
            f"MISSED by {len(missed)} of {len(candidates)} rows"
            if missed
            else f"met by all {len(candidates)} rows"
        )
        if missed:
            missed_goals.append(text)
            examples = ", ".join(_example(goal, row) for row in missed[:3])
            verdict += f" ({examples}{f' and {len(missed) - 3} more' if len(missed) > 3 else ''})"
        if goal == "vs SQLite":  # one row is noisy on a shared machine, all of them together less so
            mean = statistics.geometric_mean([row.versus_sqlite for row in candidates if row.versus_sqlite > 0])
            verdict += f"; all rows together (geometric mean) {_percent(mean)}"
        lines.append(f"- {text}: {verdict}")
    lines.append("Goals missed: " + ("; ".join(missed_goals) if missed_goals else "none"))
    return lines + baselines(rows)


def _example(goal, row):
    value = {
        "warm": _percent(row.ratio),
        "cold": _percent(row.ratio),
        "p99": f"{row.p99_ms / row.p50_ms:.1f} ×" if row.p50_ms else "no p50",
        "errors": f"{row.status_errors + row.socket_errors} errors, answers {row.status}",
        "vs SQLite": _percent(row.versus_sqlite or 0),
    }[goal]
    return f"{row.database}/{row.scale} {row.path} {row.mode} {value}"


def baselines(rows):
    """Each round's /healthz at its start and end: far apart, the machine's load changed."""
    starts = [row for row in rows if row.is_baseline and row.mode == "start"]
    ends = [row for row in rows if row.is_baseline and row.mode == "end"]
    lines = []
    for start, end in zip(starts, ends, strict=True):
        drift = abs(start.rate - end.rate) / start.baseline if start.baseline else 0
        warning = (
            ": UNSTEADY, the machine's load changed; the ratios are unreliable" if drift > BASELINE_DRIFT else ""
        )
        lines.append(
            f"- /healthz, {start.database} scale {start.scale}: {start.rate:.0f} req/s at the start, "
            f"{end.rate:.0f} at the end (mean {start.baseline:.0f}, {drift:.0%} apart){warning}"
        )
    return ["", "Baselines:", *lines] if lines else []


def progress(text):
    print(text, file=sys.stderr, flush=True)


def _list(allowed, name):
    def parse(value):
        items = [item.strip() for item in value.split(",") if item.strip()]
        unknown = [item for item in items if item not in allowed]
        if unknown or not items:
            raise argparse.ArgumentTypeError(
                f"{name}: choose from {', '.join(allowed)} (not {', '.join(unknown)})"
            )
        return items

    return parse


def _scales(value):
    try:
        scales = [int(item) for item in value.split(",")]
    except ValueError as error:
        raise argparse.ArgumentTypeError("scales: whole numbers, e.g. 1,50") from error
    if not scales or min(scales) < 1:
        raise argparse.ArgumentTypeError("scales: 1 or more")
    return scales


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="per measurement (whole seconds; wrk's unit)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--databases", type=_list(DATABASES, "databases"), default=list(DATABASES))
    parser.add_argument("--scales", type=_scales, default=[1, 50], help="demo data scales (default 1,50)")
    parser.add_argument("--pages", type=_list((*PAGES, "healthz"), "pages"), default=list(PAGES))
    parser.add_argument("--languages", type=_list(LANGUAGES, "languages"), default=list(LANGUAGES))
    parser.add_argument("--markdown", default=str(MARKDOWN), help="where to write the table too ('' for nowhere)")
    options = parser.parse_args()
    if options.seconds < 1 or options.threads < 1 or options.connections < options.threads:
        parser.error("--seconds ≥ 1, --threads ≥ 1 and --connections ≥ --threads")
    options.pages = [page for page in options.pages if page != "healthz"]  # measured anyway
    return options


def _terminated(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one SystemExit: the cleanup is not interrupted again
    raise SystemExit(128 + signum)


def header(options):
    return [
        "# Page throughput (`make bench-pages`)",
        "",
        f"- Machine: {machine()}",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; revision {revision()}",
        f"- {versions(options.databases)}",
        f"- Server: gunicorn, {WORKERS} sync workers, socoba_portal.settings.prod, on {HOST}. Load: wrk, "
        f"{options.threads} threads, {options.connections} connections, {options.seconds} s a measurement.",
        "- ÷ /healthz: req/s divided by the mean of the round's /healthz at its start and end.",
        "- cold: every request with a new `?cold=` parameter, which no page reads: the page is made "
        "afresh each time (and not stored); warm: the same URL again and again, after a warm-up.",
        "- SQL: the page's queries for one anonymous request, counted in-process outside the load; "
        'the database cache table\'s apart in "cache SQL".',
        "- vs SQLite: PostgreSQL's req/s divided by SQLite's for the same page, mode and scale.",
    ]


def main():
    options = arguments()
    signal.signal(signal.SIGTERM, _terminated)  # the finally blocks stop the server and drop the database
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (make bench-pages installs it)")
    if not (ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.mo").exists():
        progress("Note: the translations are not compiled (make messages): sv and en paths are untranslated.")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="socoba-bench-") as name:
        scales_supported = load_demo_scales(Path(name))
    lines = header(options)
    print("\n".join(lines), flush=True)

    rows, notes, failed = [], [], False
    rounds = [(database, scale) for database in options.databases for scale in options.scales]
    for database, scale in rounds:
        if scale != 1 and not scales_supported:
            notes.append(f"{database}, scale {scale}: skipped, load_demo has no --scale option yet")
    rounds = [(database, scale) for database, scale in rounds if scale == 1 or scales_supported]
    measurements = 2 + 2 * len(options.pages) * len(options.languages)
    under_load = datetime.timedelta(seconds=len(rounds) * measurements * options.seconds)
    progress(f"\n{len(rounds)} rounds of {measurements} measurements: {under_load} under load, plus setting up.")
    for note in notes:
        progress(note)
    try:
        for database, scale in rounds:
            progress(f"\n{database}, scale {scale}:")
            try:
                rows += run_round(database, scale, options)
            except RoundFailed as error:
                failed = True
                notes.append(f"{database}, scale {scale}: NOT MEASURED: {error}")
                progress(f"  {notes[-1]}")
    except KeyboardInterrupt:
        progress("\nInterrupted: the server is stopped and the round's database is gone.")
        return 130

    judge(rows)
    report = ["", *table(rows), "", *summary(rows, options.databases)]
    if notes:
        report += ["", "Notes:", *(f"- {note}" for note in notes)]
    report += ["", f"{time.monotonic() - started:.0f} s in all."]
    print("\n".join(report))
    if options.markdown:
        markdown = Path(options.markdown)
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text("\n".join([*lines, *report]) + "\n")
        progress(f"\nWritten to {markdown}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
