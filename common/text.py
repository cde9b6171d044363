"""Vietnamese text helpers."""

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


def thousands(number: int) -> str:
    """Whole numbers as Vietnamese write them: 1410000 -> "1.410.000"."""
    return f"{int(number):,}".replace(",", ".")
