"""Helpers for the PDF tests: real rendering, real text extraction (pypdf)."""

import io

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
