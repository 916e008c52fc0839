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
