"""The layers stay apart: nothing but the UI imports Textual, and --help stays light."""

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import importlib, pkgutil, sys
import {package} as root
for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
    if ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
print(",".join(sorted(name for name in ("textual", "sqlmodel", "sqlalchemy", "ics") if name in sys.modules)))
"""


def loaded(package: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(package=package)],
                         capture_output=True, text=True, check=True).stdout.strip()
    return set(filter(None, out.split(",")))


@pytest.mark.parametrize("package", ["edcal.domain", "edcal.store", "edcal.export", "edcal.services", "edcal.cli"])
def test_non_ui_packages_never_import_textual(package):
    assert "textual" not in loaded(package)


def test_domain_is_pure():
    assert loaded("edcal.domain") == set()


def run_cli(*args: str) -> set[str]:
    code = ("import sys\nfrom edcal.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('MODULES:' + ','.join(n for n in ('textual', 'sqlmodel', 'sqlalchemy') if n in sys.modules))") % (list(args),)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, input="hello").stdout
    return set(filter(None, out.rsplit("MODULES:", 1)[1].strip().split(",")))


def test_help_and_version_import_neither_textual_nor_sqlmodel():
    assert run_cli("--help") == set()
    assert run_cli("--version") == set()
    code = ("import sys\nfrom edcal.cli import main\nmain(['--version'])\n"
            "print([m for m in sys.modules if m.startswith('edcal.cli.')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.splitlines()
    assert out[-1] == "[]" and out[0].startswith("edcal ")  # no command's module: --version builds no parser


def test_check_needs_no_database_layer():
    assert run_cli("check", "--platform", "x") == set()


def test_first_frame_path_stays_light():
    """The TUI's first frame needs Textual only: storage, exports and rules load after it."""
    code = ("import sys\nfrom edcal.cli.tui import run_tui\nimport edcal.ui.app\n"
            "print(','.join(n for n in ('sqlalchemy', 'sqlmodel', 'ics', 'alembic', 'regex') if n in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_the_tui_fast_path_reads_only_db():
    from edcal.cli import _tui_only

    assert _tui_only([]).command is None
    assert _tui_only(["--db", "x.db"]).db == "x.db" and _tui_only(["--db=y.db"]).db == "y.db"
    for argv in (["list"], ["--db"], ["--db", "--version"], ["--version"], ["--db", "x", "list"], ["--db="]):
        assert _tui_only(argv) is None  # everything else goes through the full parser


ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent  # the test environment's own scripts


@pytest.mark.parametrize("command", [
    [str(TOOLS / "lint-imports")],  # the layers contract in pyproject.toml
    [sys.executable, "-m", "ruff", "check", "src", "tests", "bench", "scripts"],
    [sys.executable, "-m", "mypy"],  # [tool.mypy]: the core strictly, the faces at the default level
], ids=["import-linter", "ruff", "mypy"])
def test_the_code_keeps_its_checks(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_no_module_of_the_ui_imports_itself_back():
    """The UI's modules import each other in one direction: no chain of imports (type-checking
    ones included) leads from a module back to itself."""
    import grimp

    graph = grimp.build_graph("edcal")
    ui = sorted(m for m in graph.modules if m.startswith("edcal.ui"))
    circles = []
    for module in ui:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("edcal.ui") and imported != module:
                back = graph.find_shortest_chain(importer=imported, imported=module)
                if back:
                    circles.append((module, *back))
    assert circles == []


HEAVY = ("textual", "sqlmodel", "sqlalchemy", "edcal.domain.rules", "regex", "ics",
         "dataclasses", "typing", "shutil")  # the last three: 20 ms that edcal.record and Parser avoid


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo's posts, saved as edcal saves them: each with its check kept."""
    from edcal.cli import main

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    assert main(["demo", "--db", url, "--yes"]) == 0
    return url


@pytest.mark.parametrize("command", [["list"], ["list", "--json"], ["list", "--month", "2026-11"], ["show", "3"],
                                     ["show", "3", "--json"], ["next"], ["report"], ["time", "list"]],
                         ids=" ".join)
def test_reading_commands_load_no_ui_no_orm_and_no_rules_engine(command, demo_db):
    """A command that reads prints rule marks from the checks kept with the posts: neither
    Textual, SQLAlchemy, the rules engine (and its regex) nor ics load; nor do dataclasses (with
    inspect), typing and shutil (argparse's way to the terminal's width), issue 30's start-up cost.
    The first run parses the shipped profiles' TOML (tomllib imports typing) and keeps it parsed:
    what is measured is every run after it."""
    code = ("import sys\nfrom edcal.cli import main\ncode = main(%r)\n"
            "print('MODULES:' + ','.join(n for n in %r if n in sys.modules))\nsys.exit(code)") % (
        [*command, "--db", demo_db], HEAVY)
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert done.stdout.rsplit("MODULES:", 1)[1].strip() == ""


@pytest.mark.parametrize(("platform", "post", "loads_regex", "shown"), [
    ("x", "Launch #day at https://tidewater.com/2-0", False, "x: 38 / 280"),
    ("x", "Launch 🚀 #día at https://tidewater.fr", False, "x: 41 / 280"),  # emoji and tags from tables
    ("bluesky", "Launch 🚀 #día", True, "bluesky: 13 / 300"),  # grapheme clusters need `regex`
])
def test_check_loads_the_regex_package_only_for_grapheme_clusters(platform, post, loads_regex, shown):
    """Counting X's way, emoji and tags included, needs no `regex` (12 ms to import): only a
    count by grapheme clusters of a text beyond ASCII (Bluesky, Mastodon) loads it."""
    code = (f"import sys\nfrom edcal.cli import main\ncode = main(['check', '--platform', '{platform}', '-'])\n"
            "print('MODULES:' + ','.join(n for n in ('regex', 'typing', 'dataclasses') if n in sys.modules))")
    for _ in range(2):  # the first run parses the shipped profiles and keeps them (tomllib imports typing)
        done = subprocess.run([sys.executable, "-c", code], input=post, capture_output=True, text=True,
                              encoding="utf-8")
    assert done.stdout.startswith(shown), done.stderr
    assert done.stdout.rsplit("MODULES:", 1)[1].strip() == ("regex" if loads_regex else "")
