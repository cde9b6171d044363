"""A letterhead, a name and a closing (regular, bold, italic and bold italic text)
rendered with the base stylesheet of official documents, in a process of its own:

    python -m tests.common.pdf.render_sample OUT.pdf

Run by ``test_stylesheet.py`` under a fontconfig configuration of its choosing
(fontconfig reads it once per process).
"""

import datetime
import os
import sys
from types import SimpleNamespace

NAME = "Nguyễn Thị Ngọc Hằng"


def main(out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.template.loader import render_to_string

    from common.pdf import engine
    from common.pdf.letterhead import issuer_snapshot, letterhead
    from common.pdf.stylesheet import allowed_roots, official_css

    province = SimpleNamespace(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        letterhead_parent="",
        head_title="CHỦ TỊCH",
        place_name="Bến Tre",
    )
    head = letterhead(
        issuer_snapshot(province),
        number="Số: 15/TĐKT",
        place="Bến Tre",
        day=datetime.date(2021, 9, 15),
    )
    closing = {
        "distribution": ["- Lưu: VT."],
        "signer_lines": ["CHỦ TỊCH"],
        "signer_name": "Trần Văn Đạt",
    }
    html = "".join(
        [
            "<html><body>",
            render_to_string("common/pdf/_letterhead.html", {"head": head}),
            f"<p>{NAME}</p>",
            render_to_string("common/pdf/_closing.html", closing),
            "</body></html>",
        ]
    )
    with open(out, "wb") as handle:
        handle.write(engine.render_pdf(html, official_css(), allowed_roots()))


if __name__ == "__main__":
    main(sys.argv[1])
