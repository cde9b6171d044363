"""The system prerequisites of ``make run`` and ``make test``, checked before the virtualenv.

The Makefile runs this with the Python it will build the virtualenv from
(``$(PYTHON)``, the system ``python3`` by default), before anything is
installed, so it uses the standard library only.  It looks for what pip cannot
install, the way the programs that need it will look:

* Python 3.11 or newer;
* the ``venv`` module's ``ensurepip`` (Debian ships it apart, as
  ``python3-venv``), only when the virtualenv is still to be created
  (``--venv``);
* Pango and PangoFT2, loaded by their shared-library names as WeasyPrint loads
  them; without them every PDF fails;
* HarfBuzz's subsetter, which WeasyPrint uses when it loads and otherwise
  replaces by a slower subsetter with a warning: reported, but not a failure;
* gettext's programs, only for the translation catalogues (``--gettext``):
  ``make run`` and ``make test`` use the compiled catalogue kept in git.

Whatever is missing is named on one ``apt-get install`` line.  The exit status
is 1 when something required is missing and 0 otherwise; when nothing is
missing, nothing is printed.
"""

from __future__ import annotations  # parsed by an older Python too, to say it is too old

import argparse
import ctypes
import ctypes.util
import importlib.util
import shutil
import sys
from dataclasses import dataclass

MINIMUM_PYTHON = (3, 11)


@dataclass(frozen=True)
class Library:
    package: str  # the Debian package that installs it
    name: str  # as ctypes.util.find_library() takes it
    soname: str  # as WeasyPrint opens it on Linux
    needed_for: str
    required: bool = True


LIBRARIES = (
    Library("libpango-1.0-0", "pango-1.0", "libpango-1.0.so.0", "PDFs (WeasyPrint)"),
    Library("libpangoft2-1.0-0", "pangoft2-1.0", "libpangoft2-1.0.so.0", "PDFs (WeasyPrint)"),
    Library(
        "libharfbuzz-subset0",
        "harfbuzz-subset",
        "libharfbuzz-subset.so.0",
        "faster font subsetting in PDFs",
        required=False,
    ),
)
GETTEXT_PROGRAMS = ("xgettext", "msgmerge", "msgfmt")


@dataclass(frozen=True)
class Missing:
    package: str
    what: str  # what is absent, and what needs it
    required: bool = True


def library_loads(library: Library) -> bool:
    """Whether the dynamic loader opens the library, by soname or by the name the system knows."""
    for candidate in (library.soname, ctypes.util.find_library(library.name)):
        if not candidate:
            continue
        try:
            ctypes.CDLL(candidate)
        except OSError:
            continue
        return True
    return False


def missing_prerequisites(*, venv: bool, gettext: bool) -> list[Missing]:
    missing = []
    if venv and importlib.util.find_spec("ensurepip") is None:
        missing.append(Missing("python3-venv", "ensurepip, to create the virtualenv"))
    missing.extend(
        Missing(library.package, f"{library.soname}, for {library.needed_for}", library.required)
        for library in LIBRARIES
        if not library_loads(library)
    )
    if gettext:
        absent = [program for program in GETTEXT_PROGRAMS if shutil.which(program) is None]
        if absent:
            missing.append(Missing("gettext", f"{', '.join(absent)}, for the catalogues"))
    return missing


def report(missing: list[Missing], python_version: tuple) -> tuple[str, int]:
    """The text to print and the exit status: 1 when anything required is missing."""
    lines = []
    too_old = tuple(python_version[:2]) < MINIMUM_PYTHON
    if too_old:
        lines.append(
            f"Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer is needed; "
            f"{sys.executable} is {'.'.join(map(str, python_version))}. "
            "Install a newer one and name it, e.g. make test PYTHON=python3.12"
        )
    required = [item for item in missing if item.required]
    recommended = [item for item in missing if not item.required]
    for heading, items in (("Missing:", required), ("Recommended:", recommended)):
        if items:
            lines.append(heading)
            lines.extend(f"  {item.package:<20} {item.what}" for item in items)
    if missing:
        lines.append("Install on Debian or Ubuntu (as root) with:")
        packages = [item.package for item in required + recommended]
        lines.append("  apt-get install " + " ".join(packages))
    return "\n".join(lines), 1 if too_old or required else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--venv", action="store_true", help="the virtualenv is still to be created")
    parser.add_argument(
        "--gettext", action="store_true", help="the translation catalogues are to be built"
    )
    args = parser.parse_args(argv)
    missing = missing_prerequisites(venv=args.venv, gettext=args.gettext)
    text, status = report(missing, sys.version_info[:3])
    if text:
        print(text, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
