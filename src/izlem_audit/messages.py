"""User-facing strings of the command line, Turkish first, English with ``--lang en``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "missing_path": {
        "tr": "Dosya bulunamadı: {path}. Yolu denetleyin.",
        "en": "File not found: {path}. Check the path.",
    },
    "is_directory": {
        "tr": "{path} bir klasör; bir PDF dosyası verin (çok sayıda rapor için 'izlem-audit batch').",
        "en": "{path} is a directory; give a PDF file (for many reports use 'izlem-audit batch').",
    },
    "empty_file": {
        "tr": "{path} boş bir dosya (0 bayt). İndirmeyi yeniden yapın.",
        "en": "{path} is an empty file (0 bytes). Download it again.",
    },
    "not_pdf": {
        "tr": "{path} bir PDF dosyası değil (başlığı '%PDF' ile başlamıyor). Belediyenin yayımladığı PDF'i verin.",
        "en": "{path} is not a PDF file (it does not start with '%PDF'). Give the PDF the municipality published.",
    },
    "unsupported_type": {
        "tr": "{path} okunamıyor: izlem-audit PDF, Word (.docx) ve Excel (.xlsx) dosyalarını okur.",
        "en": "{path} cannot be read: izlem-audit reads PDF, Word (.docx) and Excel (.xlsx) files.",
    },
    "old_office": {
        "tr": "{path} eski Word/Excel biçiminde (.doc/.xls): .docx ya da .xlsx olarak kaydedip verin "
              "(okunanlar: PDF, .docx, .xlsx).",
        "en": "{path} is in the old Word/Excel format (.doc/.xls): save it as .docx or .xlsx "
              "(accepted: PDF, .docx, .xlsx).",
    },
    "opendocument": {
        "tr": "{path} bir OpenDocument dosyası (.odt/.ods): .docx ya da .xlsx olarak kaydedip verin "
              "(okunanlar: PDF, .docx, .xlsx).",
        "en": "{path} is an OpenDocument file (.odt/.ods): save it as .docx or .xlsx (accepted: PDF, .docx, .xlsx).",
    },
    "corrupt_draft": {
        "tr": "{path} açılamadı: Word/Excel dosyası bozuk ya da eksik ({detail}). Dosyayı yeniden kaydedin.",
        "en": "{path} could not be opened: the Word/Excel file is corrupt or truncated ({detail}). Save it again.",
    },
    "unknown_layout": {
        "tr": "{path} içinde hedef tablosu okunamadı. Tablo gibi görünen sayfalar: {pages}; eksik olan: {missing_tr}. "
              "Okuyucunun ne gördüğüne bakın: izlem-audit debug {cmd_path} --page {first}",
        "en": "No hedef table could be read in {path}. Pages that look like tables: {pages}; missing: {missing_en}. "
              "See what the reader saw: izlem-audit debug {cmd_path} --page {first}",
    },
    "unknown_layout_draft": {
        "tr": "{path} içinde hedef tablosu okunamadı ({n} tablo incelendi: {tables}); eksik olan: {missing_tr}.",
        "en": "No hedef table could be read in {path} ({n} tables looked at: {tables}); missing: {missing_en}.",
    },
    "debug_needs_pdf": {
        "tr": "debug bir PDF sayfasını çizer; {path} bir {kind} taslağı. Taslağın tablolarını görmek için: "
              "izlem-audit extract {cmd_path} --format xlsx --output tablolar.xlsx",
        "en": "debug draws a PDF page; {path} is a {kind} draft. To see the draft's tables: "
              "izlem-audit extract {cmd_path} --format xlsx --output tables.xlsx",
    },
    "no_tables_draft": {
        "tr": "{path} içinde hedef tablosu bulunamadı ({tables} tablo incelendi). Bu bir izleme raporu taslağı mı?",
        "en": "No hedef table found in {path} ({tables} tables looked at). Is this a monitoring report draft?",
    },
    "corrupt_pdf": {
        "tr": "{path} açılamadı: PDF bozuk ya da eksik indirilmiş ({detail}). Dosyayı yeniden indirin.",
        "en": "{path} could not be opened: the PDF is corrupt or truncated ({detail}). Download it again.",
    },
    "password_required": {
        "tr": "{path} parola korumalı. Parolayı --password ile verin.",
        "en": "{path} is password-protected. Give the password with --password.",
    },
    "wrong_password": {
        "tr": "{path} için verilen parola yanlış.",
        "en": "The password given for {path} is wrong.",
    },
    "bad_json": {
        "tr": "{path} okunamadı: izlem-audit'in 'extract' çıktısı olan bir JSON bekleniyordu ({detail}).",
        "en": "{path} could not be read: expected the JSON written by 'izlem-audit extract' ({detail}).",
    },
    "no_tables": {
        "tr": "{path} içinde hedef tablosu bulunamadı ({pages} sayfa incelendi). Bu bir izleme raporu mu?",
        "en": "No hedef table found in {path} ({pages} pages looked at). Is this a monitoring report?",
    },
    "bad_format": {
        "tr": "Bilinmeyen biçim: {value}. Geçerli olanlar: {choices}.",
        "en": "Unknown format: {value}. Valid: {choices}.",
    },
    "bad_engine": {
        "tr": "Bilinmeyen okuma motoru: {value}. Geçerli olanlar: {choices}.",
        "en": "Unknown engine: {value}. Valid: {choices}.",
    },
    "engine_missing": {
        "tr": "'{engine}' motoru kurulu değil. Kurmak için: pip install 'izlem-audit[{extra}]'",
        "en": "The '{engine}' engine is not installed. Install it with: pip install 'izlem-audit[{extra}]'",
    },
    "bad_page": {
        "tr": "Sayfa {page} yok; belgede {pages} sayfa var.",
        "en": "There is no page {page}; the document has {pages} pages.",
    },
    "output_needed": {
        "tr": "{fmt} biçimi bir dosyaya yazılır: --output DOSYA verin.",
        "en": "The {fmt} format is written to a file: give --output FILE.",
    },
    "cannot_write": {
        "tr": "{path} yazılamadı: {detail}",
        "en": "Could not write {path}: {detail}",
    },
    "same_as_input": {
        "tr": "Çıktı dosyası girdi dosyasının kendisi olamaz: {path}",
        "en": "The output file cannot be the input file itself: {path}",
    },
    "bad_lang": {
        "tr": "Bilinmeyen dil: {value}. 'tr' ya da 'en' verin.",
        "en": "Unknown language: {value}. Use 'tr' or 'en'.",
    },
    "written": {"tr": "Yazıldı: {path}", "en": "Written: {path}"},
    "debug_table_header": {
        "tr": "s.{page}: {kind} tablosu → {reader}, puan {score}; başlığın belirleyen hücreleri: "
              "{evidence} (diğerleri: {others})",
        "en": "p.{page}: {kind} table → {reader}, score {score}; the header cells that decided: "
              "{evidence} (others: {others})"},
    "debug_table_labels": {
        "tr": "s.{page}: {kind} tablosu → {reader}; başlıkta hiçbir düzenin işareti yok, hedef kartının "
              "etiketleri belirledi: {evidence}",
        "en": "p.{page}: {kind} table → {reader}; no layout's sign in the header, the hedef block's "
              "labels decided: {evidence}"},
    "extract_done": {
        "tr": "{layout} düzeni; {amac} amaç, {hedef} hedef, {gosterge} gösterge, {faaliyet} faaliyet okundu ({pages} sayfa).",
        "en": "{layout} layout; read {amac} amaç, {hedef} hedef, {gosterge} gösterge, {faaliyet} faaliyet ({pages} pages).",
    },
    "progress_reading": {"tr": "Sayfalar okunuyor", "en": "Reading pages"},
    "internal_error": {
        "tr": "Beklenmeyen bir hata oluştu ({detail}). Ayrıntı için --debug ile çalıştırıp çıktıyı bildirin.",
        "en": "An unexpected error occurred ({detail}). Run with --debug and report the output.",
    },
}


def t(key: str, lang: str = "tr", **params: object) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["tr"]
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text

MESSAGES["bad_config"] = {
    "tr": "Yapılandırma dosyası {path} geçersiz: {detail}",
    "en": "The configuration file {path} is invalid: {detail}",
}

MESSAGES.update({
    "console_title": {"tr": "İzleme raporu denetimi: {title}", "en": "Monitoring report audit: {title}"},
    "console_title_programme": {"tr": "Performans programı denetimi: {title}",
                                "en": "Performance programme audit: {title}"},
    "console_title_activity_report": {"tr": "Faaliyet raporu denetimi: {title}", "en": "Activity report audit: {title}"},
    "console_read": {
        "tr": "Düzen: {layout} · {extent} · {amac} amaç, {hedef} hedef, {gosterge} gösterge, {faaliyet} faaliyet",
        "en": "Layout: {layout} · {extent} · {amac} amaç, {hedef} hedef, {gosterge} gösterge, {faaliyet} faaliyet",
    },
    "console_report_level": {"tr": "Rapor geneli", "en": "Whole report"},
    "console_overall": {"tr": "Genel gerçekleşme oranı: basılı {printed}, yeniden hesaplanan {recomputed}",
                        "en": "Overall rate: printed {printed}, recomputed {recomputed}"},
    "sev_error": {"tr": "HATA", "en": "ERROR"},
    "sev_warning": {"tr": "UYARI", "en": "WARNING"},
    "sev_info": {"tr": "BİLGİ", "en": "INFO"},
    "sev_error_plural": {"tr": "hata", "en": "errors"},
    "sev_warning_plural": {"tr": "uyarı", "en": "warnings"},
    "sev_info_plural": {"tr": "bilgi", "en": "info"},
    "suppressed": {"tr": "bastırıldı", "en": "suppressed"},
    "n_suppressed": {"tr": "{n} bulgu gerekçesiyle bastırıldı", "en": "{n} findings suppressed with a reason"},
    "unknown_rule": {"tr": "Böyle bir kural yok: {rule}. 'izlem-audit rules' hepsini listeler.",
                     "en": "No such rule: {rule}. 'izlem-audit rules' lists them all."},
    "bad_fail_on": {"tr": "--fail-on şunlardan biri olmalı: hata, uyarı, bilgi (ya da error, warning, info; "
                          "verilen: {value}).",
                    "en": "--fail-on must be one of error, warning, info (or hata, uyarı, bilgi; given: {value})."},
    "rule_id": {"tr": "Kural", "en": "Rule"},
    "rule_name": {"tr": "Ne denetler", "en": "What it checks"},
    "rule_rationale": {"tr": "Gerekçe", "en": "Rationale"},
    "rule_example": {"tr": "Örnek", "en": "Example"},
    "rule_message": {"tr": "İleti", "en": "Message"},
    "rule_category": {"tr": "Kategori", "en": "Category"},
    "rule_severity": {"tr": "Varsayılan önem", "en": "Default severity"},
})

MESSAGES.update({
    "too_large": {"tr": "{path} {size:.0f} MB; sınır {limit:.0f} MB. Gerekirse --max-size-mb ile yükseltin.",
                  "en": "{path} is {size:.0f} MB; the limit is {limit:.0f} MB. Raise it with --max-size-mb if needed."},
    "too_many_pages": {"tr": "{path} {pages} sayfa; sınır {limit}. Gerekirse --max-pages ile yükseltin.",
                       "en": "{path} has {pages} pages; the limit is {limit}. Raise it with --max-pages if needed."},
    "scanned": {
        "tr": "{path} taranmış bir görüntü gibi: metin katmanı yok ({pages} sayfada {chars} karakter). OCR gerekli: "
              "--ocr ile sayfalar görüntüden okunur (Tesseract, Türkçe).",
        "en": "{path} looks like a scanned image: it has no text layer ({chars} characters on {pages} pages). It "
              "needs OCR: with --ocr the pages are read from their image (Tesseract, Turkish).",
    },
    "ocr_missing": {
        "tr": "--ocr için Tesseract ve Türkçe verisi gerekli; kurmak için (Debian/Ubuntu, yönetici "
              "olarak): apt-get install tesseract-ocr tesseract-ocr-tur",
        "en": "--ocr needs Tesseract and its Turkish data; install them (Debian/Ubuntu, as root): "
              "apt-get install tesseract-ocr tesseract-ocr-tur",
    },
    "ocr_missing_python": {
        "tr": "--ocr için OpenCV ve NumPy gerekli; kurmak için: pip install 'izlem-audit[ocr]'",
        "en": "--ocr needs OpenCV and NumPy; install them: pip install 'izlem-audit[ocr]'",
    },
    "ocr_failed": {"tr": "Tesseract {path} dosyasını okuyamadı: {detail}",
                   "en": "Tesseract could not read {path}: {detail}"},
})

MESSAGES["pages_timed_out"] = {
    "tr": "{n} sayfa {seconds:g} saniyelik sınırda okunamadı ve hiçbir hedef tablosu okunamadı; --page-timeout ile "
          "süreyi artırın.",
    "en": "{n} pages could not be read within the {seconds:g}-second limit and no hedef table was read; raise it "
          "with --page-timeout.",
}

MESSAGES.update({
    "no_inputs": {"tr": "{spec} içinde PDF bulunamadı.", "en": "No PDF found in {spec}."},
    "batch_progress": {"tr": "Raporlar denetleniyor", "en": "Auditing reports"},
    "batch_done": {"tr": "{n} rapor ({skipped} değişmediği için atlandı, {broken} okunamadı). Dizin: {path}",
                   "en": "{n} reports ({skipped} skipped as unchanged, {broken} unreadable). Index: {path}"},
})

MESSAGES.update({
    "n_consequences": {"tr": "{n} sonuç bulgusu (bir hatanın sonucu, ayrıca sayılmadı)",
                       "en": "{n} consequences (following from an error, not counted again)"},
    "n_suppressed_errors": {"tr": "{n} bulgu gerekçesiyle bastırıldı ({errors} hata dahil; gerekçeler listede)",
                            "en": "{n} findings suppressed with a reason ({errors} errors among them; reasons "
                                  "in the list)"},
    "consequence_of": {"tr": "{id} bulgusunun sonucu:", "en": "follows from {id}:"},
    "unused_suppression": {"tr": "Kullanılmayan bastırma: {what} hiçbir bulguyla eşleşmedi (gerekçe: {reason}).",
                           "en": "Unused suppression: {what} matched no finding (reason: {reason})."},
    "config_used": {"tr": "Yapılandırma: {path} (sha256 {sha}…)", "en": "Configuration: {path} (sha256 {sha}…)"},
    "stream_too_large": {
        "tr": "{path} içindeki sıkıştırılmış bir akış (ya da bir sayfanın akışları birlikte) {limit:g} MB'tan "
              "fazlasına açılıyor (sıkıştırma bombası olabilir); okunmadı. Gerçek bir raporsa --max-stream-mb ile "
              "sınırı yükseltin.",
        "en": "A compressed stream in {path} (or one page's streams together) inflates to more than {limit:g} MB "
              "(possibly a decompression bomb); it was not read. If it is a genuine report, raise the limit with "
              "--max-stream-mb.",
    },
    "unreadable_text": {
        "tr": "{path} metin katmanı okunamıyor: karakterlerin %{pct} kadarı çözülemiyor (yazı tiplerinde Unicode "
              "eşlemesi yok), hedef tabloları tanınamadı. OCR deneyin: --ocr.",
        "en": "The text layer of {path} cannot be read: {pct}% of its characters do not decode (the fonts carry no "
              "Unicode map), so no hedef table could be recognised. Try OCR: --ocr.",
    },
    "pages_too_many_chars": {
        "tr": "{n} sayfa karakter sınırını aşıyor ({count} > {limit}) ve hiçbir hedef tablosu okunamadı; gerçek bir "
              "raporsa --max-page-chars ile yükseltin.",
        "en": "{n} pages exceed the character limit ({count} > {limit}) and no hedef table was read; if it is a "
              "genuine report, raise it with --max-page-chars.",
    },
    "pages_too_many_objects": {
        "tr": "{n} sayfa çizim nesnesi sınırını aşıyor ({count} > {limit}) ve hiçbir hedef tablosu okunamadı; "
              "gerçek bir raporsa --max-page-objects ile yükseltin.",
        "en": "{n} pages exceed the drawing-object limit ({count} > {limit}) and no hedef table was read; if it is "
              "a genuine report, raise it with --max-page-objects.",
    },
    "os_error": {"tr": "{path}: {reason}", "en": "{path}: {reason}"},
    "err_no_space": {"tr": "diskte yer kalmadı; hiçbir çıktı yazılmadı.",
                     "en": "no space left on the disk; no output was written."},
    "err_read_only": {"tr": "yazma izni yok ya da dosya sistemi salt okunur; hiçbir çıktı yazılmadı.",
                      "en": "no permission to write, or the file system is read-only; no output was written."},
    "err_no_folder": {"tr": "klasör yok ya da bir klasör değil; hiçbir çıktı yazılmadı.",
                      "en": "the folder does not exist or is not a folder; no output was written."},
    "err_quota": {"tr": "disk kotası doldu; hiçbir çıktı yazılmadı.",
                  "en": "the disk quota is exhausted; no output was written."},
    "err_other": {"tr": "yazılamadı ({detail}); hiçbir çıktı yazılmadı.",
                  "en": "could not be written ({detail}); no output was written."},
    "err_read": {"tr": "okunamadı ({detail}).", "en": "could not be read ({detail})."},
    "cannot_annotate": {
        "tr": "{path} için işaretli kopya yapılamadı: PDF'in yapısı izlenemiyor ({detail}); hiçbir çıktı yazılmadı. "
              "--annotate olmadan çalıştırın.",
        "en": "The annotated copy of {path} could not be made: the PDF's structure cannot be followed ({detail}); "
              "no output was written. Run without --annotate.",
    },
    "batch_locked": {
        "tr": "{path} klasöründe başka bir izlem-audit batch çalışıyor; bitmesini bekleyin ya da başka bir çıktı "
              "klasörü verin.",
        "en": "Another izlem-audit batch is running in {path}; wait for it to finish or give another output "
              "folder.",
    },
})

MESSAGES.update({
    "reading_problems_title": {"tr": "Okunamayan / emin olunamayan yerler",
                               "en": "Places that could not be read / read with certainty"},
    "reading_problems_note": {"tr": "Bunlar raporun hatası değildir: araç bu yerleri okuyamadı ya da yerleştiremedi; "
                                    "elle bakın. Hata sayısına katılmadı.",
                              "en": "These are not errors of the report: the tool could not read or place them; "
                                    "look at them by hand. Not counted as errors."},
    "n_reading_problems": {"tr": "{n} okuma sorunu (raporun hatası değil)",
                           "en": "{n} reading problems (not errors of the report)"},
    "n_not_checked": {"tr": "{n} denetim okuma sorunu yüzünden yapılamadı",
                      "en": "{n} checks not made because of a reading problem"},
    "sev_reader": {"tr": "OKUMA", "en": "READING"},
})

def extent(report, lang: str = "tr") -> str:
    """How much was read: ``12 sayfa`` for a PDF; a draft has no pages (``Word taslağı``, ``Excel taslağı, 2
    çalışma sayfası``)."""
    en = lang == "en"
    if report.engine == "docx":
        return "Word draft" if en else "Word taslağı"
    if report.engine == "xlsx":
        n = report.source.pages
        return f"Excel draft, {n} sheet{'s' if n != 1 else ''}" if en else f"Excel taslağı, {n} çalışma sayfası"
    return f"{report.source.pages} {'pages' if en else 'sayfa'}"


# option values as users type them: any case, Turkish or English
SEVERITY_ALIASES = {"error": "error", "hata": "error", "errors": "error", "hatalar": "error",
                    "warning": "warning", "uyarı": "warning", "uyari": "warning", "warnings": "warning",
                    "info": "info", "bilgi": "info", "note": "info", "not": "info"}
FORMAT_ALIASES = {"markdown": "md", "excel": "xlsx", "konsol": "console", "ekran": "console", "htm": "html"}


def _fold_value(value: str) -> str:
    """An option value as typed, case-insensitive the Turkish way (HATA, Uyarı, UYARI all fold alike)."""
    return value.strip().replace("İ", "i").replace("I", "ı").lower().replace("ı", "i")


def severity_value(value: str) -> str:
    """--fail-on in English or Turkish, any case: error|warning|info, hata|uyarı|bilgi."""
    folded = _fold_value(value or "")
    return SEVERITY_ALIASES.get(folded, SEVERITY_ALIASES.get(folded.replace("i", "ı"), folded))


def format_values(value: str) -> list[str]:
    """--format values, any case, comma-separated; markdown/excel as aliases."""
    out = []
    for part in (value or "").split(","):
        folded = _fold_value(part)
        if folded:
            out.append(FORMAT_ALIASES.get(folded, folded))
    return out


MESSAGES.update({
    "compare_needs_two": {
        "tr": "compare en az iki belge ister (aynı belediyenin aynı yılına ait program ve izleme raporları).",
        "en": "compare needs at least two documents (the programme and monitoring reports of one municipality "
              "and year).",
    },
    "compare_other_municipality": {
        "tr": "Belgeler farklı belediyelerin: {a} ({ma}), {b} ({mb}). Aynı belediyenin belgelerini verin.",
        "en": "The documents are of different municipalities: {a} ({ma}), {b} ({mb}). Give one municipality's.",
    },
    "compare_other_year": {
        "tr": "Belgeler farklı yılların: {a} ({ya}), {b} ({yb}). Aynı yılın belgelerini verin.",
        "en": "The documents are of different years: {a} ({ya}), {b} ({yb}). Give one year's.",
    },
    "compare_same_document": {
        "tr": "Aynı belge iki kez verildi: {a} ve {b}.",
        "en": "The same document was given twice: {a} and {b}.",
    },
})
