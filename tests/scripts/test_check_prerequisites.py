"""scripts/check_prerequisites.py, which ``make run`` and ``make test`` run before the virtualenv.

Missing libraries are simulated by making the loader refuse their names; the
last tests run the real probes on this machine.
"""

import ctypes
import ctypes.util
import shutil
import subprocess
import sys

import pytest
from weasyprint.text import ffi as weasyprint_ffi

from scripts import check_prerequisites as check

pytestmark = pytest.mark.unit

PANGO = "libpango-1.0.so.0"
PANGOFT2 = "libpangoft2-1.0.so.0"
HARFBUZZ_SUBSET = "libharfbuzz-subset.so.0"


@pytest.fixture
def hide_libraries(monkeypatch):
    """Make the dynamic loader refuse the given sonames, however the probe asks for them."""

    def hide(*sonames):
        real_cdll, real_find = ctypes.CDLL, ctypes.util.find_library
        hidden_names = {lib.name for lib in check.LIBRARIES if lib.soname in sonames}

        def cdll(name, *args, **kwargs):
            if name in sonames:
                raise OSError(f"{name}: cannot open shared object file")
            return real_cdll(name, *args, **kwargs)

        def find_library(name):
            return None if name in hidden_names else real_find(name)

        monkeypatch.setattr(ctypes, "CDLL", cdll)
        monkeypatch.setattr(ctypes.util, "find_library", find_library)

    return hide


@pytest.fixture
def no_ensurepip(monkeypatch):
    real_find_spec = check.importlib.util.find_spec
    monkeypatch.setattr(
        check.importlib.util,
        "find_spec",
        lambda name, *args: None if name == "ensurepip" else real_find_spec(name, *args),
    )


def test_missing_pango_stops_with_the_install_line(hide_libraries, capsys):
    hide_libraries(PANGO, HARFBUZZ_SUBSET)

    status = check.main([])

    assert status == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "Missing:",
        "  libpango-1.0-0       libpango-1.0.so.0, for PDFs (WeasyPrint)",
        "Recommended:",
        "  libharfbuzz-subset0  libharfbuzz-subset.so.0, for faster font subsetting in PDFs",
        "Install on Debian or Ubuntu (as root) with:",
        "  apt-get install libpango-1.0-0 libharfbuzz-subset0",
    ]


def test_everything_missing_is_named_on_one_line(hide_libraries, no_ensurepip, monkeypatch, capsys):
    hide_libraries(PANGO, PANGOFT2, HARFBUZZ_SUBSET)
    monkeypatch.setattr(shutil, "which", lambda name: None)

    status = check.main(["--venv", "--gettext"])

    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        "Missing:",
        "  python3-venv         ensurepip, to create the virtualenv",
        "  libpango-1.0-0       libpango-1.0.so.0, for PDFs (WeasyPrint)",
        "  libpangoft2-1.0-0    libpangoft2-1.0.so.0, for PDFs (WeasyPrint)",
        "  gettext              xgettext, msgmerge, msgfmt, for the catalogues",
        "Recommended:",
        "  libharfbuzz-subset0  libharfbuzz-subset.so.0, for faster font subsetting in PDFs",
        "Install on Debian or Ubuntu (as root) with:",
        "  apt-get install python3-venv libpango-1.0-0 libpangoft2-1.0-0 gettext "
        "libharfbuzz-subset0",
    ]


def test_missing_harfbuzz_subset_alone_is_recommended_not_required(hide_libraries, capsys):
    hide_libraries(HARFBUZZ_SUBSET)

    status = check.main([])

    assert status == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[-1] == "  apt-get install libharfbuzz-subset0"


def test_venv_and_gettext_are_asked_for_only_when_needed(hide_libraries, no_ensurepip, monkeypatch):
    hide_libraries(PANGO, PANGOFT2, HARFBUZZ_SUBSET)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    libraries = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]

    def packages(**needs):
        return [item.package for item in check.missing_prerequisites(**needs)]

    assert packages(venv=False, gettext=False) == libraries
    assert packages(venv=True, gettext=False) == ["python3-venv", *libraries]
    assert packages(venv=False, gettext=True) == [*libraries, "gettext"]


def test_an_old_python_is_refused_with_a_hint():
    text, status = check.report([], (3, 10, 12))

    assert status == 1
    assert text == (
        f"Python 3.11 or newer is needed; {sys.executable} is 3.10.12. "
        "Install a newer one and name it, e.g. make test PYTHON=python3.12"
    )


def test_nothing_missing_prints_nothing():
    assert check.report([], (3, 11, 2)) == ("", 0)


def test_the_library_probe_loads_what_exists_and_refuses_what_does_not():
    pango = next(lib for lib in check.LIBRARIES if lib.soname == PANGO)
    absent = check.Library("libnothing0", "nothing-such", "libnothing-such.so.0", "nothing")

    assert check.library_loads(pango) is True
    assert check.library_loads(absent) is False


def test_on_this_machine_it_passes_with_only_the_standard_library():
    """Run as make runs it, without site-packages; WeasyPrint's loader says what is here."""
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(check.__file__), "--venv"],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if weasyprint_ffi.harfbuzz_subset is None:
        assert result.stdout.splitlines()[-1] == "  apt-get install libharfbuzz-subset0"
    else:
        assert result.stdout == ""
