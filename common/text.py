"""Vietnamese text helpers."""

import re
import unicodedata


def nfc(value: str) -> str:
    """Normalise to NFC, the form Vietnamese text must be stored and printed in."""
    return unicodedata.normalize("NFC", value) if value else value


def fold(value: str) -> str:
    """Lower-case and strip diacritics: "Nguyễn Văn Đạt" -> "nguyen van dat"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def ascii_name(value: str, limit: int = 60, *, fallback: str = "khong-ten") -> str:
    """A name for a downloaded file: "Nguyễn Thị Ngọc Hằng" -> "Nguyen-Thi-Ngoc-Hang"."""
    words = re.findall(r"[a-z0-9]+", fold(value))
    return "-".join(w.capitalize() for w in words)[:limit].strip("-") or fallback


def thousands(number: int) -> str:
    """Whole numbers as Vietnamese write them: 1410000 -> "1.410.000"."""
    return f"{int(number):,}".replace(",", ".")
