"""Hostile input, round two (issue 11): each case is generated here, at test time, as a small file; the whole
command runs on it in a child process whose own peak RSS (VmHWM, see tests/rss_child.py) is printed.

Every case must end as the brief says: exit 0/1 with all outputs, or exit 2 with one clear line and no new
output; never a traceback, never more than 500 MB, never an escape byte from the input on the terminal, never
invalid JSON, never active content in the annotated copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_pdfs as hp

ROOT = Path(__file__).resolve().parents[1]
REHBER = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"
RSS_LIMIT_MB = 500
MD_PAYLOAD = "\\[x\\](http://evil.example)"


def run(*args: str, cwd: Path = ROOT, stdin=None) -> tuple[int, str, str, float]:
    """The command in a child process: (exit code, stdout, stderr, the child's own peak RSS in MB).

    The peak is the child's VmHWM, written at its exit (tests/rss_child.py): ``wait4``'s ru_maxrss would include
    the size of this pytest process, which Linux carries over fork and exec."""
    import tempfile

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        env["IZLEM_RSS_FILE"] = rss_file.name
        proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "rss_child.py"), *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
        out, err = proc.communicate()
        text = open(rss_file.name).read().strip()
    rss = int(text) / 1024.0 if text else float("nan")
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), rss


def assert_clear_failure(rc: int, out: str, err: str, rss: float, case: str, *needles: str) -> None:
    print(f"\n[{case}] exit {rc}, peak RSS {rss:.0f} MB")
    assert rc == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for n in needles:
        assert n in err, err
    assert rss <= RSS_LIMIT_MB


def assert_no_outputs(folder: Path) -> None:
    assert not folder.exists() or not any(folder.iterdir()), list(folder.iterdir())


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_million_characters_on_one_page(tmp_path, engine):
    pdf = hp.million_chars(tmp_path / "karakter.pdf")
    assert pdf.stat().st_size < 10_000
    rc, out, err, rss = run("check", str(pdf), "--engine", engine, "--format", "html,json",
                            "--output", str(tmp_path / "out" / "r"), "-q")
    # pdfminer would build every character (1.4 GB); PDFium itself stops a text object at 32,767 characters
    assert_clear_failure(rc, out, err, rss, f"1M characters, {engine}")
    if engine == "pdfplumber":
        assert "--max-page-chars" in err
    assert_no_outputs(tmp_path / "out")
    # raised limit: the page is read (pdfminer), memory still bounded by what was allowed
    if engine == "pdfplumber":
        rc, out, err, rss = run("check", str(pdf), "--engine", engine, "--max-page-chars", "60000", "-q")
        assert "--max-page-chars" in err and rc == 2


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_page_of_400000_path_objects(tmp_path, engine):
    pdf = hp.many_paths(tmp_path / "cizgi.pdf")
    rc, out, err, rss = run("check", str(pdf), "--engine", engine, "-q")
    assert_clear_failure(rc, out, err, rss, f"400k paths, {engine}", "--max-page-objects")


def test_a_stream_inflating_past_a_gigabyte(tmp_path):
    pdf = hp.inflation_bomb(tmp_path / "bomba.pdf")
    assert pdf.stat().st_size < 2_000_000
    rc, out, err, rss = run("check", str(pdf), "--format", "json", "--output", str(tmp_path / "out" / "r.json"),
                            "-q")
    assert_clear_failure(rc, out, err, rss, "1.1 GB stream", "--max-stream-mb")
    assert_no_outputs(tmp_path / "out")
    rc, out, err, rss = run("check", str(pdf), "--lang", "en", "-q")
    assert_clear_failure(rc, out, err, rss, "1.1 GB stream, en", "decompression bomb", "--max-stream-mb")


def test_a_page_whose_streams_together_inflate_too_far(tmp_path):
    pdf = hp.many_content_streams(tmp_path / "akislar.pdf")
    rc, out, err, rss = run("check", str(pdf), "--engine", "pdfium", "-q")
    assert_clear_failure(rc, out, err, rss, "4 streams of 11 MB on one page", "--max-stream-mb")


def test_7200_point_pages_render_only_the_evidence(tmp_path):
    from PIL import Image

    pdf = hp.huge_pages(tmp_path / "dev.pdf", src=REHBER)
    rc, out, err, rss = run("check", str(pdf), "--format", "html,json", "--output", str(tmp_path / "r"), "-q")
    print(f"\n[7200 pt pages] exit {rc}, peak RSS {rss:.0f} MB")
    assert rc == 1, err
    assert rss <= RSS_LIMIT_MB
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    images = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)
    assert images
    import base64
    import io

    for b64 in images:
        w, h = Image.open(io.BytesIO(base64.b64decode(b64))).size
        assert w * h <= 4_000_000 and h <= 800


def test_evidence_pictures_respect_the_pixel_cap(tmp_path):
    """A lower --max-image-pixels gives smaller pictures, never a failure."""
    from PIL import Image
    import base64
    import io

    rc, _, err, _ = run("check", str(REHBER), "--format", "html", "--output", str(tmp_path / "r.html"),
                        "--max-image-pixels", "20000", "-q")
    assert rc == 1, err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    sizes = [Image.open(io.BytesIO(base64.b64decode(b))).size
             for b in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]
    assert sizes and all(w * h <= 20_000 * 1.05 for w, h in sizes)


def test_a_pages_tree_that_lists_itself(tmp_path):
    pdf = hp.self_listing_pages(tmp_path / "dongu.pdf", src=REHBER)
    rc, out, err, rss = run("check", str(pdf), "--format", "html,json", "--output", str(tmp_path / "out" / "r"),
                            "--annotate", str(tmp_path / "out" / "isaretli.pdf"), "-q")
    print(f"\n[self-listing Pages] exit {rc}, peak RSS {rss:.0f} MB")
    assert rss <= RSS_LIMIT_MB and "Traceback" not in err
    assert rc == 1, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["isaretli.pdf", "r.html", "r.json"]
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(str(tmp_path / "out" / "isaretli.pdf"))) == len(pdfium.PdfDocument(str(REHBER))) + 1  # + the legend page


def test_fonts_without_tounicode_say_the_text_layer_is_unreadable(tmp_path):
    pdf = hp.without_tounicode(tmp_path / "unicode-yok.pdf")  # the Çiğli report: no table header decodes
    rc, out, err, rss = run("check", str(pdf), "-q", "--format", "json", "--output", str(tmp_path / "o" / "r.json"))
    assert_clear_failure(rc, out, err, rss, "no ToUnicode", "metin katmanı okunamıyor", "--ocr")
    assert "izleme raporu mu" not in err
    assert_no_outputs(tmp_path / "o")
    rc, out, err, rss = run("check", str(pdf), "-q", "--lang", "en", "--engine", "pdfium")
    assert_clear_failure(rc, out, err, rss, "no ToUnicode, en", "text layer", "cannot be read")


def test_a_report_read_despite_undecodable_letters_says_so(tmp_path):
    pdf = hp.without_tounicode(tmp_path / "unicode-yok.pdf", src=REHBER)  # its tables still read
    rc, out, err, rss = run("check", str(pdf), "-q", "--format", "json", "--output", str(tmp_path / "r.json"))
    assert rc in (0, 1), err  # all outputs; whether the figures hold is not this test's business
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [f for f in data["findings"] if "Unicode eşlemesi yok" in f["message"]]
    plain = hp.huge_pages(tmp_path / "plain.pdf", side=842, src=REHBER)  # the same report, letters intact
    rc, out, err, rss = run("check", str(plain), "-q", "--format", "json", "--output", str(tmp_path / "p.json"))
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert not [f for f in data["findings"] if "Unicode eşlemesi yok" in f["message"]]


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    """The reference report with, in one cell, a Markdown-link bypass, a glyph whose ToUnicode says ESC,
    a bidi override, a zero-width space and a control character; elsewhere a 400-digit number; and active
    content on top (JavaScript on open, a Launch link, a javascript: link, an embedded .exe)."""
    from fixtures.build.mutants import set_gosterge
    from fixtures.build.reference import build
    from fixtures.build.render_reportlab import render_reportlab

    d = tmp_path_factory.mktemp("tricky")
    raw = build()
    # quoted whole by IZ504 (the açıklama says nothing was done while the value rose; a quote is at most 90
    # characters), so it reaches every writer
    set_gosterge(raw, "A1", "H2", None, "PG4", 6, "note",
                 f"iş kazası bildirimi bulunmamaktadır. §[31mKIRMIZI \u202eters\u202c a\u200bb \x01 {MD_PAYLOAD}")
    set_gosterge(raw, "A1", "H1", None, "PG1", 6, "actual", "1" + "0" * 400)
    render_reportlab(raw, d / "plain.pdf")
    hp.remap_glyph(d / "esc.pdf", d / "plain.pdf", "§", "\x1b")
    return hp.with_active_content(d / "hostile.pdf", d / "esc.pdf")


@pytest.fixture(scope="module")
def tricky_outputs(tricky, tmp_path_factory):
    out = tmp_path_factory.mktemp("tricky-out")
    rc, stdout, err, rss = run("check", str(tricky), "--format", "html,json,md,xlsx", "--output",
                               str(out / "rapor"), "--annotate", str(out / "isaretli.pdf"))
    print(f"\n[ESC, controls, 400 digits, active content] exit {rc}, peak RSS {rss:.0f} MB")
    assert rc == 1, err
    assert rss <= RSS_LIMIT_MB
    assert "\x1b" not in stdout + err
    return out


def test_all_outputs_written_despite_control_characters(tricky_outputs):
    from openpyxl import load_workbook

    assert sorted(p.name for p in tricky_outputs.iterdir()) == ["isaretli.pdf", "rapor.html", "rapor.json",
                                                                "rapor.md", "rapor.xlsx"]
    wb = load_workbook(tricky_outputs / "rapor.xlsx")
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("KIRMIZI" in t for t in texts)
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u200b]", t) for t in texts)


def test_text_is_cleaned_once_for_every_writer(tricky_outputs):
    for name in ("rapor.html", "rapor.json", "rapor.md"):
        text = (tricky_outputs / name).read_text(encoding="utf-8")
        assert "KIRMIZI" in text, name
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200b-\u200f]", text), name
        # the escape is shown as the visible "unreadable" mark, not dropped silently
        assert "\ufffd[31mKIRMIZI" in text.replace("\\[", "["), name


def test_console_never_prints_an_escape_from_the_input(tricky):
    rc, out, err, rss = run("check", str(tricky), "--engine", "pdfium")
    print(f"\n[console report] exit {rc}, peak RSS {rss:.0f} MB")
    assert rc == 1 and "KIRMIZI" in out
    assert "\x1b" not in out and "\x1b" not in err


def test_file_names_with_escapes_are_shown_not_obeyed(tmp_path):
    name = "\x1b]0;ele geçirildi\x07\x1b[2J.pdf"
    rc, out, err, rss = run("check", str(tmp_path / name))
    assert rc == 2 and "\x1b" not in err and "\x07" not in err and "\\x1b]0;" in err
    odd = tmp_path / name
    odd.write_bytes(REHBER.read_bytes())
    rc, out, err, rss = run("check", str(odd), "--format", "json", "--output", str(tmp_path / (name + ".json")))
    assert rc == 1 and "\x1b" not in err and "\\x1b" in err  # "Yazıldı: …" names the file visibly
    rc, out, err, rss = run("check", str(odd), "--engine", "pdfium")  # the console title names the input
    assert rc == 1 and "\x1b" not in out + err
    rc, out, err, rss = run("check", str(odd), "--engine", "pdfium", "--format", "md,json", "--output",
                            str(tmp_path / "o" / "r"))
    for name in ("r.md", "r.json"):
        text = (tmp_path / "o" / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\\u001b" not in text, name  # the file name is written visibly


def test_json_is_strict_and_an_absurd_number_is_a_reading_problem(tricky_outputs):
    text = (tricky_outputs / "rapor.json").read_text(encoding="utf-8")

    def refuse(token):
        raise AssertionError(f"non-JSON constant {token}")

    data = json.loads(text, parse_constant=refuse)
    absurd = [f for f in data["findings"] if f["rule"] == "IZ603" and "401" in f["message"]]
    assert len(absurd) == 1 and absurd[0]["page"]
    for name in ("rapor.md", "rapor.html"):
        body = re.sub(r"data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=]+", "", (tricky_outputs / name).read_text("utf-8"))
        assert not re.search(r"(?<![\w-])-?inf(?![\w-])|Infinity|NaN", body), name


def test_markdown_never_links_pdf_text(tricky_outputs):
    from markdown_it import MarkdownIt

    md = (tricky_outputs / "rapor.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "evil.example" in html and "<a " not in html and "<script" not in html
    # GitHub's bare-URL autolinks: the URL is only ever inside a code span
    for m in re.finditer(r"http://evil\.example", md):
        line = md[md.rfind("\n", 0, m.start()) + 1:md.find("\n", m.end())]
        assert re.search(r"`[^`]*http://evil\.example[^`]*`", line), line


def test_active_content_is_reported_and_removed(tricky, tricky_outputs):
    from izlem_audit.guard import scan_pdf

    assert scan_pdf(tricky, 10**9).active == ["javascript", "launch", "embedded_file", "javascript_link"]
    data = json.loads((tricky_outputs / "rapor.json").read_text(encoding="utf-8"))
    active = [f for f in data["findings"] if "etkin içerik" in f["message"]]
    assert len(active) == 1 and "JavaScript" in active[0]["message"] and "Launch" in active[0]["message"]
    copy = tricky_outputs / "isaretli.pdf"
    assert scan_pdf(copy, 10**9).active == []
    from pypdf import PdfReader

    r = PdfReader(str(copy))
    assert set(r.trailer["/Root"].keys()) <= {"/Type", "/Pages"}
    assert len(r.pages) == len(PdfReader(str(tricky)).pages) + 1  # + the legend page in front
    for page in r.pages:
        assert "/AA" not in page
        for a in page.get("/Annots") or []:
            a = a.get_object()
            assert a.get("/Subtype") not in ("/Link", "/FileAttachment") or "/A" not in a
    assert sum(len(p.get("/Annots") or []) for p in r.pages) > 0  # the findings are still marked


def test_the_sanitizer_keeps_page_links_and_drops_the_rest(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    from izlem_audit.output.pdf_sanitize import sanitized_copy

    w = PdfWriter(clone_from=PdfReader(str(REHBER)))

    def link(action):
        return w._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                               NameObject("/Subtype"): NameObject("/Link"),
                                               NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                                               NameObject("/A"): action}))

    goto = DictionaryObject({NameObject("/S"): NameObject("/GoTo"),
                             NameObject("/D"): ArrayObject([w.pages[1].indirect_reference, NameObject("/Fit")])})
    chained = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): goto["/D"],
                                NameObject("/Next"): DictionaryObject({
                                    NameObject("/S"): NameObject("/JavaScript"),
                                    NameObject("/JS"): TextStringObject("app.alert(5)")})})
    w.pages[0][NameObject("/Annots")] = ArrayObject([link(goto), link(chained)])
    src = tmp_path / "links.pdf"
    with open(src, "wb") as fh:
        w.write(fh)
    copy = sanitized_copy(PdfReader(str(src)))
    annots = [a.get_object() for a in copy.pages[0]["/Annots"]]
    assert len(annots) == 1 and annots[0]["/A"]["/S"] == "/GoTo"


def test_a_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    big = ROOT / "fixtures" / "pdfs" / "cigli-2024-6-reportlab.pdf"  # its JSON is larger than a pipe buffer
    proc = subprocess.Popen([sys.executable, "-m", "izlem_audit.cli", "check", str(big), "--format", "json",
                             "--engine", "pdfium"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    head = proc.stdout.read(200)
    proc.stdout.close()  # `| head -c 200`
    err = proc.stderr.read().decode()
    rc = proc.wait(timeout=300)
    assert head.startswith(b"{")
    assert err == "" and rc in (0, 1)


# --- outputs as a set, OS errors ----------------------------------------------------------------------------

FAULTY_WRITER = """
import errno, sys
from izlem_audit.output import xlsx_report
def full(*a, **k):
    raise OSError(errno.ENOSPC, "No space left on device")
xlsx_report.write_check_xlsx = full
from izlem_audit.cli import main
sys.argv = ["izlem-audit", *sys.argv[1:]]
main()
"""


def test_an_error_in_one_writer_leaves_no_new_file_and_the_old_set_intact(tmp_path):
    out = tmp_path / "denetim"
    out.mkdir()
    old = {"rapor.html": "eski html", "rapor.json": "{}", "rapor.xlsx": "eski"}
    for name, text in old.items():
        (out / name).write_text(text)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.run([sys.executable, "-c", FAULTY_WRITER, "check", str(REHBER), "--format", "html,json,xlsx,md",
                           "--output", str(out / "rapor")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "diskte yer kalmadı" in proc.stderr
    assert ".tmp" not in proc.stderr and "rapor.xlsx" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(old)  # no rapor.md, no temporary file
    assert {p.name: p.read_text() for p in out.iterdir()} == old


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs (root only): a real full disk."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    yield mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


def test_a_full_disk_is_one_clear_line_and_no_partial_set(tiny_disk):
    rc, out, err, _ = run("check", str(REHBER), "--format", "json,html,md", "--output", str(tiny_disk / "rapor"))
    assert rc == 2 and len(err.strip().splitlines()) == 1, err
    assert "diskte yer kalmadı" in err and ".tmp" not in err and "Beklenmeyen" not in err
    assert list(tiny_disk.iterdir()) == []
    rc, out, err, _ = run("check", str(REHBER), "--format", "html", "--output", str(tiny_disk / "r.html"),
                          "--lang", "en")
    assert rc == 2 and "no space left" in err and list(tiny_disk.iterdir()) == []


def test_a_read_only_folder_is_one_clear_line(tiny_disk):
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    rc, out, err, _ = run("check", str(REHBER), "--format", "json", "--output", str(tiny_disk / "r.json"))
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "salt okunur" in err and ".tmp" not in err, err


def test_an_output_folder_that_cannot_exist_is_one_clear_line(tmp_path):
    (tmp_path / "dosya").write_text("x")
    rc, out, err, _ = run("check", str(REHBER), "--format", "json", "--output", str(tmp_path / "dosya" / "r.json"))
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "klasör yok" in err, err
    rc, out, err, _ = run("check", str(REHBER), "--format", "json,md", "--output", str(tmp_path / "yeni" / "alt" / "r"))
    assert rc == 1 and (tmp_path / "yeni" / "alt" / "r.md").is_file()  # a missing folder is made ...
    rc, out, err, _ = run("check", str(REHBER), "--format", "json,xlsx", "--output", str(tmp_path / "yok" / "r"),
                          "--annotate", str(tmp_path / "dosya" / "a.pdf"))
    assert rc == 2 and not (tmp_path / "yok").exists()  # ... and removed again when the set fails
    rc, out, err, _ = run("extract", str(REHBER), "--output", str(tmp_path / "dosya" / "r.json"), "--lang", "en")
    assert rc == 2 and "folder does not exist" in err, err


def test_debug_picture_of_a_huge_page_is_capped(tmp_path):
    pdf = hp.huge_pages(tmp_path / "dev.pdf", src=REHBER)
    rc, out, err, rss = run("debug", str(pdf), "--page", "1", "--output", str(tmp_path / "s.png"))
    print(f"\n[debug, 7200 pt page] exit {rc}, peak RSS {rss:.0f} MB")
    assert rc == 0, err
    assert rss <= RSS_LIMIT_MB
    from PIL import Image

    w, h = Image.open(tmp_path / "s.png").size
    assert w * h <= 12_500_000


def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    """kill -9 runs no cleanup: the next run removes the temporary files whose writer no longer exists."""
    import signal

    sleeper = subprocess.Popen(["sleep", "30"])
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".r.json.{dead.pid}.abc123.tmp"
    live = tmp_path / f".r.json.{sleeper.pid}.def456.tmp"
    stale.write_text("{")
    live.write_text("{")
    try:
        rc, out, err, _ = run("check", str(REHBER), "--format", "json", "--output", str(tmp_path / "r.json"))
        assert rc == 1, err
        assert not stale.exists() and live.exists()  # a running writer's file is left alone
    finally:
        sleeper.send_signal(signal.SIGKILL)
        sleeper.wait()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [live.name, "r.json"]


def test_extract_json_with_infinity_or_escapes_is_handled(tmp_path):
    rc, out, err, _ = run("extract", str(REHBER), "--output", str(tmp_path / "r.json"), "-q")
    assert rc == 0, err
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["title"] = "Başlık \x1b[2J\u202e"
    (tmp_path / "esc.json").write_text(json.dumps(data), encoding="utf-8")
    rc, out, err, _ = run("check", str(tmp_path / "esc.json"))
    assert rc in (0, 1) and "\x1b" not in out + err and "\u202e" not in out and "Başlık" in out, err
    bad = re.sub(r'"pages": \d+', '"pages": Infinity', text, count=1)
    assert bad != text
    (tmp_path / "inf.json").write_text(bad, encoding="utf-8")
    rc, out, err, _ = run("check", str(tmp_path / "inf.json"))
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "Infinity" in err, err


def test_the_pdfminer_budget_counts_only_guarded_reads(tmp_path):
    """The character budget stops pdfminer inside extract only; other pdfplumber users read whole pages."""
    import pdfplumber

    from izlem_audit.extract import extract

    extract(REHBER, engine="pdfplumber")  # installs the budget
    pdf = hp.raw_pdf(tmp_path / "60k.pdf", [b"BT /F1 1 Tf 10 10 Td (" + b"A" * 30_000 + b") Tj (" + b"B" * 30_000
                                            + b") Tj ET"])
    with pdfplumber.open(str(pdf)) as doc:
        assert len(doc.pages[0].chars) == 60_000
