"""The shipped fonts are the fonts embedded, whatever fonts the system has.

Fontconfig reads its configuration once per process, so each case renders in
a subprocess of its own, with ``FONTCONFIG_FILE`` naming a configuration
written here: one listing no font folder at all, and one listing a folder
with another "Liberation Serif" (the shipped files made wider and given a
later revision).  Under the family name "LiberationSerif" fontconfig took
such an installed font, or Debian's fonts-liberation2, for the shipped one.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from common.pdf.stylesheet import FONT_FILES
from tests.common.pdf.fonts import FONTS, embedded_faces, shipped_face
from tests.common.pdf.render_sample import NAME

pytestmark = pytest.mark.unit


def fontconfig_file(folder: Path, font_dirs=()) -> Path:
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n"
    )
    return conf


def render_in_subprocess(tmp_path: Path, conf: Path) -> PdfReader:
    out = tmp_path / "out.pdf"
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.common.pdf.render_sample", str(out)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return PdfReader(out)


def other_liberation_serif(folder: Path) -> Path:
    """The shipped faces under the same names, but wider and of a later revision."""
    folder.mkdir()
    for relative in FONT_FILES.values():
        font = TTFont(FONTS / relative)
        font["head"].fontRevision = 9.0  # newer: fontconfig prefers it on a tie
        for name, (advance, lsb) in font["hmtx"].metrics.items():
            font["hmtx"][name] = (advance + 40, lsb)
        font.save(folder / Path(relative).name)
    return folder


def assert_shipped_fonts_and_exact_text(reader: PdfReader):
    assert sorted(embedded_faces(reader), key=str) == ["bold", "bold_italic", "italic", "regular"]
    text = reader.pages[0].extract_text()
    assert NAME in text
    assert "Bến Tre, ngày 15 tháng 9 năm 2021" in text
    assert "Nơi nhận:" in text


def test_the_shipped_fonts_are_embedded_with_no_font_folder_configured(tmp_path):
    reader = render_in_subprocess(tmp_path, fontconfig_file(tmp_path))

    assert_shipped_fonts_and_exact_text(reader)


def test_the_shipped_fonts_are_embedded_when_another_liberation_serif_is_installed(tmp_path):
    installed = other_liberation_serif(tmp_path / "installed")

    reader = render_in_subprocess(tmp_path, fontconfig_file(tmp_path, [installed]))

    assert_shipped_fonts_and_exact_text(reader)


def test_the_other_liberation_serif_is_told_apart_from_the_shipped_one(tmp_path):
    """The check above can fail: a font that is not the shipped one is not taken for it."""
    installed = other_liberation_serif(tmp_path / "installed")
    regular = (installed / "LiberationSerif-Regular.ttf").read_bytes()

    assert shipped_face(regular) is None
    assert shipped_face((FONTS / FONT_FILES["regular"]).read_bytes()) == "regular"
