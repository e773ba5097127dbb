import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader, PdfWriter

from portal.candidates import cv
from portal.candidates.cv import CvFileField, detect_format, format_megabytes, inspect_cv
from tests.factories.candidates import docx_bytes, odt_bytes, pdf_bytes

UNKNOWN = "Format non reconnu : envoyez un PDF, un DOCX ou un ODT."


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refusal(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        inspect_cv(upload(name, data))
    return caught.value


def test_pdf_text_is_extracted():
    content = inspect_cv(upload("cv.pdf", pdf_bytes("Camille Martin", "Technicienne de maintenance", "GMAO")))
    assert content.format == "pdf"
    assert content.content_type == "application/pdf"
    assert "Technicienne de maintenance" in content.text
    assert "GMAO" in content.text


def test_docx_text_is_extracted_with_tables():
    data = docx_bytes(
        "Infirmière diplômée d'État",
        "Soins intensifs",
        table=[["2019–2024", "CHU de Clermont-Ferrand"], ["Langues", "Anglais B2"]],
    )
    content = inspect_cv(upload("cv.docx", data))
    assert content.format == "docx"
    assert "Infirmière diplômée d'État" in content.text
    assert "CHU de Clermont-Ferrand" in content.text
    assert "Anglais B2" in content.text


def test_odt_text_is_extracted_in_document_order():
    content = inspect_cv(upload("cv.odt", odt_bytes("Contrôleuse de gestion", "Lyon", heading="Expériences")))
    assert content.format == "odt"
    assert content.text.split("\n") == ["Expériences", "Contrôleuse de gestion", "Lyon"]


def test_format_comes_from_content_not_extension():
    # A DOCX named .pdf is a DOCX; the stored extension follows the content.
    content = inspect_cv(upload("cv.pdf", docx_bytes("Boulangère")))
    assert content.format == "docx"
    assert content.extension == "docx"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows executable renamed .pdf
        ("cv.docx", b"<!DOCTYPE html><html><body>CV</body></html>"),  # HTML renamed .docx
        ("cv.odt", b"Just some text, renamed .odt"),
        ("cv.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),  # an image
    ],
)
def test_wrong_content_with_right_extension_is_refused(name, data):
    error = refusal(name, data)
    assert error.code == "unknown_format"
    assert error.messages == [UNKNOWN]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_other_zip_archives_are_refused():
    # An XLSX declares a spreadsheet, not a word-processing document.
    xlsx_like = zip_bytes(
        {
            "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
            "xl/workbook.xml": b"<workbook/>",
        }
    )
    assert refusal("cv.docx", xlsx_like).code == "unknown_format"
    ods_like = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )
    assert refusal("cv.odt", ods_like).code == "unknown_format"
    assert refusal("cv.docx", zip_bytes({"readme.txt": b"hello"})).code == "unknown_format"


def test_zip_bomb_is_refused_without_inflating_it():
    bomb = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"\0" * (60 << 20)}
    )
    assert len(bomb) < 200_000
    error = refusal("cv.odt", bomb)
    assert error.code == "suspicious_archive"
    assert error.messages == [UNKNOWN]


def test_truncated_zip_is_refused():
    assert refusal("cv.docx", docx_bytes("Serveuse")[:300]).code == "unknown_format"


def test_empty_file_is_refused():
    error = refusal("cv.pdf", b"")
    assert error.messages == ["Le fichier est vide."]


@override_settings(CV_MAX_BYTES=5 * 1024 * 1024)
def test_too_large_file_is_refused_with_its_size():
    data = b"%PDF-1.4\n" + b"0" * int(6.15 * 1024 * 1024)
    error = refusal("cv.pdf", data)
    assert error.code == "too_large"
    assert error.messages == ["Le fichier pèse 6,2 Mo : 5 Mo maximum."]


@override_settings(CV_MAX_BYTES=5 * 1024 * 1024)
def test_file_exactly_at_the_limit_is_not_refused_for_its_size():
    data = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 - 9)
    assert refusal("cv.pdf", data).code == "unreadable"


def test_megabytes_are_rounded_up_french_style():
    assert format_megabytes(5 * 1024 * 1024) == "5 Mo"
    assert format_megabytes(5 * 1024 * 1024 + 1) == "5,1 Mo"
    assert format_megabytes(300_000) == "0,3 Mo"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n this is not a PDF at all",
        pdf_bytes("Vendeuse")[:400],  # truncated
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
)
def test_broken_pdf_is_refused_with_a_clear_message(data):
    error = refusal("cv.pdf", data)
    assert error.code == "unreadable"
    assert error.messages[0].startswith("Le fichier PDF est endommagé ou illisible.")


def test_broken_docx_is_refused_with_a_clear_message():
    # Declares itself a DOCX but its main part is not XML.
    broken = zip_bytes(
        {
            "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.document.main+xml"/></Types>',
            "word/document.xml": b"not xml <<<",
        }
    )
    error = refusal("cv.docx", broken)
    assert error.code == "unreadable"
    assert "DOCX" in error.messages[0]


def test_broken_odt_is_refused_with_a_clear_message():
    broken = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:doc"}
    )
    error = refusal("cv.odt", broken)
    assert error.code == "unreadable"
    assert "ODT" in error.messages[0]


def test_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Secret"))))
    writer.encrypt(user_password="motdepasse", owner_password="proprietaire")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = refusal("cv.pdf", buffer.getvalue())
    assert error.code == "encrypted"


def test_pdf_without_text_is_accepted_with_empty_text():
    content = inspect_cv(upload("scan.pdf", pdf_bytes()))
    assert content.format == "pdf"
    assert content.text == ""


def test_detect_format_only_looks_at_bytes():
    assert detect_format(pdf_bytes("x")) == "pdf"
    assert detect_format(odt_bytes("x")) == "odt"
    assert detect_format(docx_bytes("x")) == "docx"


def test_extracted_text_has_no_control_characters():
    assert cv.clean_text("a\x00b\x07c\r\n\n\n\nd\t\te") == "a b c\n\nd e"


class CvForm(forms.Form):
    cv = CvFileField()


def test_form_field_reports_french_errors_and_accepts_good_files():
    form = CvForm(files={"cv": upload("cv.docx", b"<html>not a docx</html>")})
    assert not form.is_valid()
    assert form.errors["cv"] == [UNKNOWN]
    good = CvForm(files={"cv": upload("cv.pdf", pdf_bytes("Chef de rang"))})
    assert good.is_valid(), good.errors
    assert 'accept=".pdf,.docx,.odt' in str(good["cv"])
