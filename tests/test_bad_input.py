"""Bad input ends with exit code 2 and one clear line, never a traceback, and leaves no output behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "izlem_audit.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def assert_clean_error(proc: subprocess.CompletedProcess, *words: str, out_dir: Path | None = None) -> None:
    """Exit code 2, one line naming the problem, no traceback, and (with ``out_dir``) no output left there."""
    if out_dir is not None:
        assert [p.name for p in out_dir.iterdir() if p.name.startswith(("o.", ".o."))] == []
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for w in words:
        assert w.lower() in lines[0].lower(), lines[0]


@pytest.fixture()
def sample_pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    p = tmp_path / "bos-sayfa.pdf"
    c = canvas.Canvas(str(p))
    c.drawString(100, 750, "Bu belgede hiç tablo yok.")
    c.showPage()
    c.save()
    return p


def test_missing_path(tmp_path):
    proc = run("extract", str(tmp_path / "yok.pdf"), "--output", str(tmp_path / "o.json"))
    assert_clean_error(proc, "bulunamadı")
    assert not (tmp_path / "o.json").exists()


def test_missing_path_english(tmp_path):
    assert_clean_error(run("extract", str(tmp_path / "yok.pdf"), "--lang", "en"), "not found")


def test_directory(tmp_path):
    assert_clean_error(run("check", str(tmp_path), "--format", "html", "--output", str(tmp_path / "o.html")), "klasör",
                       out_dir=tmp_path)


def test_empty_file(tmp_path):
    p = tmp_path / "bos.pdf"
    p.write_bytes(b"")
    assert_clean_error(run("check", str(p), "--format", "xlsx", "--output", str(tmp_path / "o.xlsx")), "boş",
                       out_dir=tmp_path)


def test_not_a_pdf(tmp_path):
    p = tmp_path / "rapor.pdf"
    p.write_text("<html>not a pdf</html>")
    assert_clean_error(run("extract", str(p), "--output", str(tmp_path / "o.json")), "PDF", out_dir=tmp_path)


def test_truncated_pdf(tmp_path, sample_pdf):
    data = sample_pdf.read_bytes()
    p = tmp_path / "yarim.pdf"
    p.write_bytes(data[: len(data) // 3])
    out = tmp_path / "o.json"
    proc = run("extract", str(p), "--output", str(out))
    assert_clean_error(proc)
    assert not out.exists()
    assert not list(tmp_path.glob(".o.json*"))  # no temporary file left behind


def test_password_protected(tmp_path, sample_pdf):
    pikepdf = pytest.importorskip("pikepdf")
    p = tmp_path / "parolali.pdf"
    with pikepdf.open(sample_pdf) as pdf:
        pdf.save(p, encryption=pikepdf.Encryption(user="gizli", owner="gizli2"))
    assert_clean_error(run("check", str(p), "--format", "md", "--output", str(tmp_path / "o.md")), "--password",
                       out_dir=tmp_path)
    assert_clean_error(run("extract", str(p), "--password", "yanlis"), "parola")
    # with the right password the file opens: this one has no tables, which is said as such
    assert_clean_error(run("extract", str(p), "--password", "gizli"), "hedef tablosu")


def test_no_tables(sample_pdf, tmp_path):
    assert_clean_error(run("check", str(sample_pdf), "--format", "html", "--output", str(tmp_path / "o.html")),
                       "hedef tablosu", "1 sayfa", out_dir=tmp_path)


def test_unknown_format(sample_pdf):
    assert_clean_error(run("extract", str(sample_pdf), "--format", "docx"), "docx")


def test_output_cannot_be_input(tmp_path, sample_pdf):
    before = sample_pdf.read_bytes()
    assert_clean_error(run("extract", str(sample_pdf), "--output", str(sample_pdf)))
    assert sample_pdf.read_bytes() == before
