"""Helpers for the PDF tests: real rendering, real text extraction (pypdf)."""

import io
import itertools

from pypdf import PdfReader


def pdf_pages(pdf_bytes):
    """The text of each page of a PDF."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return [page.extract_text() for page in reader.pages]


def pdf_text(pdf_bytes):
    return "\n".join(pdf_pages(pdf_bytes))


def pdf_metadata(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return reader.metadata, reader.trailer["/Root"]


def overprinted_text(pdf_bytes, tolerance=0.3):
    """Text printed over other text, ``[(page number, "…the line…"), …]``: on each line
    (letters whose tops round to the same point), neighbouring letters that overlap by more
    than ``tolerance`` of the font size (kerning, as in "Tu", stays under a fifth). Text
    extraction merges words that touch into one, so the check is on letters (pdfplumber)."""
    import pdfplumber

    found = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = {}
            for char in page.chars:
                if char["text"].strip():
                    lines.setdefault(round(char["top"]), []).append(char)
            for chars in lines.values():
                chars.sort(key=lambda char: char["x0"])
                for before, after in itertools.pairwise(chars):
                    if before["x1"] - after["x0"] > tolerance * min(before["size"], after["size"]):
                        context = "".join(char["text"] for char in chars)
                        found.append((number, context))
                        break
    return found


MM = 72 / 25.4  # PDF points a millimetre


def text_beyond_the_margins(pdf_bytes, left_mm=18, right_mm=18, tolerance=0.5):
    """Letters that stick out of the page's text column into the left or right margin
    (print.css's ``@page`` margins), ``[(page number, "…the word…"), …]``: a long word
    that a narrow table column could not hold runs past the table's edge, over nothing,
    so the overprint check cannot see it."""
    import pdfplumber

    found = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            left, right = left_mm * MM - tolerance, page.width - right_mm * MM + tolerance
            outside = [
                char
                for char in page.chars
                if char["text"].strip() and not left <= char["x0"] < char["x1"] <= right
            ]
            for char in outside[:1]:
                line = sorted((c for c in page.chars if abs(c["top"] - char["top"]) < 1), key=lambda c: c["x0"])
                found.append((number, "".join(c["text"] for c in line)))
    return found
