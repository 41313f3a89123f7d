"""The document itself: numbering of rows and codes, rows the reader found malformed, titles that differ."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..normalising.text import fold
from .base import Context, Finding, make, rule
from .indicator import RATE_INPUT_WORDS
from ..recomputing.matching import SAME_TITLE, match_ph, title_score

STRUCTURE_TEXT = {
    "value_in_wrong_column": ("{item} {period}. ay: '{text}' değeri kendi sütununda değil, Açıklama sütununda; "
                              "oran olarak okundu.",
                              "{item} month {period}: the value '{text}' stands in the Açıklama column instead of "
                              "its own; it was read as the rate."),
    "header_missing_column": ("Gösterge tablosunun başlığında 'Gerçekleşme' sütunu yok; değerler sütun sırasına "
                              "göre okundu.",
                              "The gösterge table's header lacks the 'Gerçekleşme' column; values were read by "
                              "position."),
    "period_values_mismatch": ("{item}: bir hücrede {months} dönem var ama değer sayısı tutmuyor.",
                               "{item}: a cell holds {months} periods but the number of values differs."),
    "missing_code": ("{item}: satırda gösterge/faaliyet kodu yok.", "{item}: the row has no code."),
    "orphan_row": ("Bir satır hiçbir göstergeye bağlanamadı: '{text}'.", "A row could not be tied to any "
                   "gösterge: '{text}'."),
    "unreadable_page": ("Sayfa okunamadı ({error}); bu sayfa denetlenmedi, geri kalanı denetlendi.",
                        "The page could not be read ({error}); it was not checked, the rest was."),
    "page_timeout": ("Sayfa {seconds:g} saniyede okunamadı; bu sayfa denetlenmedi.",
                     "The page could not be read within {seconds:g} seconds; it was not checked."),
    "garbled_text": ("Sayfanın metni bozuk çıkıyor (karakterlerin %{pct} kadarı okunamıyor, ör. '{sample}'); "
                     "bu sayfadaki tablolar güvenilir okunamaz, OCR deneyin (--ocr).",
                     "The page's text comes out garbled ({pct}% of its characters unreadable, e.g. '{sample}'); "
                     "its tables cannot be read reliably, try OCR (--ocr)."),
    # hostile-input bounds and neutralised content (guard.py, extract.py; docs/security.md)
    "page_too_many_chars": ("Sayfada {count} karakter var, sınır {limit}; sayfa okunmadı ve denetlenmedi "
                            "(gerekirse --max-page-chars ile yükseltin).",
                            "The page holds {count} characters, the limit is {limit}; it was not read or checked "
                            "(raise it with --max-page-chars if needed)."),
    "page_too_many_objects": ("Sayfada {count} çizim nesnesi var, sınır {limit}; sayfa okunmadı ve denetlenmedi "
                              "(gerekirse --max-page-objects ile yükseltin).",
                              "The page holds {count} drawing objects, the limit is {limit}; it was not read or "
                              "checked (raise it with --max-page-objects if needed)."),
    "absurd_number": ("Hücrede {digits} basamaklı bir sayı var ('{text}'); bir rapor rakamı olamaz, değer okunmadı.",
                      "A cell holds a {digits}-digit number ('{text}'); no report figure is that long, the value "
                      "was not read."),
    "active_content": ("Kaynak PDF etkin içerik taşıyor ({kinds}). izlem-audit bunları çalıştırmaz ve işaretli "
                       "kopyadan çıkarır; kaynak dosyayı güvenmediğiniz bir görüntüleyicide açmayın.",
                       "The source PDF carries active content ({kinds}). izlem-audit never runs it and removes it "
                       "from the annotated copy; do not open the source file in a viewer you do not trust."),
    "garbled_text_some": ("Metnin karakterlerinin %{pct} kadarı çözülemiyor (yazı tiplerinde Unicode eşlemesi yok); "
                          "tablolar okundu ama adlar ve açıklamalar bozuk görünebilir.",
                          "{pct}% of the text's characters do not decode (the fonts carry no Unicode map); the "
                          "tables were read but names and notes may look garbled."),
    "unplaced_row": ("Bir gösterge satırı hiçbir hedef kartının içinde değil: '{text}'.",
                     "A gösterge row stands outside any hedef block: '{text}'."),
    "cut_cell_unplaced": ("Sayfa sonunda bölünmüş bir satırın devamı ('{text}') hiçbir alana bağlanamadı.",
                          "The rest of a row cut by a page break ('{text}') could not be tied to any field."),
    "continued_table_unmatched": ("Başlığı önceki sayfada kalan bir tablonun devamının sütunları başlığın "
                                  "sütunlarıyla eşleşmiyor; satırları ('{text}') okunmadı.",
                                  "The columns of a table continued from an earlier page do not match its "
                                  "header's columns; its rows ('{text}') were not read."),
    "header_field_repeated": ("'{label}' sütunu, başka bir sütunun da taşıdığı alanı ({field}) adlandırıyor; "
                              "altındaki değerler (ör. '{text}') okunmadı, hangi döneme ait oldukları belli değil.",
                              "The column '{label}' names a field ({field}) another column already holds; the "
                              "values under it (e.g. '{text}') were not read: which period they belong to is "
                              "not known."),
    "period_label_unknown": ("{item}: dönem hücresi ('{text}') bir döneme çevrilemedi (tanınan yazımlar: 6, "
                             "Haziran, Ocak-Haziran, Nisan-Haziran, II. Çeyrek, 1. Altı Ay, Yıl Sonu…); bu satırın değerleri dönemsiz okundu.",
                             "{item}: the period cell ('{text}') could not be read as a period (accepted: 6, "
                             "Haziran, Ocak-Haziran, Nisan-Haziran, II. Çeyrek, 1. Altı Ay, Yıl Sonu…); the row's values were read without a period."),
    "period_other_year": ("{item}: dönem hücresi ('{text}') raporun yılından ({year}) başka bir yılı gösteriyor; bu "
                          "satırın değerleri dönemsiz okundu.",
                          "{item}: the period cell ('{text}') names another year than the report's ({year}); the "
                          "row's values were read without a period."),
    "period_column_unknown": ("Başlıktaki '{text}' sütunu raporun yılının bir çeyrek dönemine (3, 6, 9 ya da 12. ay "
                              "sonu) çevrilemedi; bu sütunun değerleri hiçbir döneme yazılmadı.",
                              "The header column '{text}' could not be read as a quarter of the report's year (ending "
                              "in month 3, 6, 9 or 12); its values were put in no period."),
    "unplaced_number": ("Tablodaki '{text}' sayısı hiçbir göstergeye, faaliyete ya da başlığa yerleştirilemedi.",
                        "The number '{text}' in a table could not be placed in any gösterge, faaliyet or label."),
    "scanned_page": ("Bu sayfa taranmış bir görüntü (metin katmanı yok); okunmadı ve denetlenmedi. Görüntüden "
                     "okumak için --ocr ile çalıştırın.",
                     "This page is a scanned image (no text layer); it was not read or checked. Run with --ocr to "
                     "read it from its image."),
    "value_not_found": ("{item}{when_tr}: {field_tr} değeri okunamadı ({seen_tr}); sütunlar birbirine karışmış "
                        "olabilir. Ona dayanan denetimler yapılmadı; değeri belgeden kontrol edin.",
                        "{item}{when_en}: the {field_en} could not be read ({seen_en}); the columns may have run "
                        "together. The checks that use it were not run; check it in the document."),
    "hidden_value": ("{item}: hücre sayı yerine '{text}' basılmış (elektronik tablo sütunu sayıya dar gelmiş); "
                     "değer PDF'te yok, ona dayanan denetimler yapılmadı. Değeri taslaktan kontrol edin.",
                     "{item}: the cell prints '{text}' instead of a number (the spreadsheet's column was too narrow "
                     "for it); the value is not in the PDF, the checks that use it were not run. Check it in the "
                     "draft."),
    "unread_table_region": ("Sayfa {page}{where}: tablo gibi görünen, okunamayan bölge ({lines} satır, {count} sayı, ör. "
                            "'{text}'); tablonun çizgileri bulunamadı, değerleri hiçbir göstergeye ya da faaliyete "
                            "yerleştirilemedi ve denetlenmedi. Raporun ve amaçların toplamları da bu yüzden "
                            "denetlenmedi.",
                            "Page {page}{where}: a region that looks like a table could not be read ({lines} lines, "
                            "{count} numbers, e.g. '{text}'); its rules were not found, its values were not placed in "
                            "any gösterge or faaliyet and were not checked. The report's and the amaçlar's totals "
                            "were not checked either."),
    "ocr_uncertain": ("Taranmış sayfadaki '{text}' değeri kesin okunamadı (OCR güveni {confidence}/100); bu hücreyi "
                      "belgeden kontrol edin, ona dayanan denetimler yapılmadı.",
                      "The value '{text}' on the scanned page could not be read with certainty (OCR confidence "
                      "{confidence}/100); check this cell in the document, the checks that use it were not run."),
}


@rule(id="IZ601", name="numbering-gap", category="numbering", severity="info",
      message_tr="{where}: {kind} numaralarında boşluk: {missing} yok.",
      message_en="{where}: gap in the {kind} numbers: {missing} missing.",
      rationale_tr="Sıra numaraları ve kodlar kesintisiz olmalıdır; bir boşluk, tablodan bir satırın düştüğünü "
                   "ya da numaralandırma hatasını gösterir.",
      rationale_en="Sequence numbers and codes should run without gaps; a gap shows a dropped row or a numbering "
                   "error.",
      example="Faaliyet tablosu F2 ile başlıyor: F1 yok.")
def numbering_gap(ctx: Context) -> Iterable[Finding]:
    for h in ctx.report.hedefler:
        for kind, items in (("PG", h.gostergeler), ("F", h.faaliyetler)):
            nums = [int(re.sub(r"\D", "", i.code)) for i in items if re.sub(r"\D", "", i.code)]
            if not nums:
                continue
            missing = sorted(set(range(1, max(nums) + 1)) - set(nums))
            if missing:
                first = items[0]
                yield make("IZ601", h, field=kind, cell=first.evidence.cells.get("code"),
                           row_page=first.evidence.page, row_bbox=first.evidence.bbox,
                           where=" ".join(x for x in h.key if x), kind=kind,
                           missing=", ".join(f"{kind}{n}" for n in missing))


@rule(id="IZ602", name="numbering-duplicate", category="numbering", severity="warning",
      message_tr="{where}: {code} kodu birden fazla satırda.",
      message_en="{where}: the code {code} stands on more than one row.",
      rationale_tr="Her gösterge ve faaliyet kodu hedef içinde bir kez geçmelidir.",
      rationale_en="Each gösterge and faaliyet code should occur once within its hedef.",
      example="İki satır PG3.")
def numbering_duplicate(ctx: Context) -> Iterable[Finding]:
    for h in ctx.report.hedefler:
        for items in (h.gostergeler, h.faaliyetler):
            seen: set[str] = set()
            for i in items:
                if i.code in seen:
                    yield make("IZ602", h, item=i.code, cell=i.evidence.cells.get("code"), row_page=i.evidence.page,
                               row_bbox=i.evidence.bbox, where=" ".join(x for x in h.key if x), code=i.code)
                seen.add(i.code)


@rule(id="IZ603", name="malformed-row", category="structure", severity="warning",
      message_tr="{text}",
      message_en="{text}",
      rationale_tr="Kaymış değerler, eksik başlıklar ve okunamayan satırlar raporun elle düzenlendiğini ya da "
                   "bozulduğunu gösterir. Araç bunları atlamaz: okuyabildiğini okur ve yerini bildirir.",
      rationale_en="Shifted values, missing headers and unreadable rows show a hand-edited or damaged report. The "
                   "tool does not skip them: it reads what it can and reports where.",
      example="A4 H2, 6. ay: oran Açıklama sütununda.")
def malformed_row(ctx: Context) -> Iterable[Finding]:
    for issue in ctx.report.issues:
        tr, en = STRUCTURE_TEXT.get(issue.kind, (issue.kind, issue.kind))
        params = {"item": issue.item or "", "period": issue.period, **issue.detail}
        if issue.kind == "value_not_found":
            params.update(_not_found_words(params))
        if "share" in params:
            params["pct"] = round(params["share"] * 100)
            params["sample"] = str(params.get("sample", ""))[:30]
        tr_params = {k: (f"{v:g}".replace(".", ",") if isinstance(v, float) else v) for k, v in params.items()}
        text = {"tr": _fmt(tr.replace(":g}", "}"), tr_params), "en": _fmt(en, params)}
        f = make("IZ603", None, amac=issue.amac, hedef=issue.hedef, item=issue.item, period=issue.period,
                 page=issue.page, bbox=issue.bbox, row_page=issue.page, row_bbox=issue.bbox, text=text,
                 kind=issue.kind, field=issue.kind, ref=getattr(issue, "ref", None))
        f.origin = getattr(issue, "origin", "report")
        yield f


def _not_found_words(params: dict) -> dict:
    """The words of a ``value_not_found`` message: which value, in which period, and what the reader saw."""
    name = str(params.get("field", ""))
    tr, en = RATE_INPUT_WORDS.get(name, (name, name))
    text = str(params.get("text") or "")
    month = params.get("period")
    return {"field_tr": tr, "field_en": en,
            "when_tr": f" {month}. ay" if month else "", "when_en": f" month {month}" if month else "",
            "seen_tr": f"hücrede okunan: '{text}'" if text else "satırda bu değerin hücresi bulunamadı",
            "seen_en": f"the cell reads '{text}'" if text else "no cell for it was found in the row"}


def _fmt(template: str, params: dict) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


@rule(id="IZ604", name="title-differs", category="label", severity="info",
      message_tr="{what} başlığı {n} yerde farklı yazılmış: \"{other}\" ({places}); diğer yerlerde \"{first}\".",
      message_en="{what}'s title is written differently in {n} places: \"{other}\" ({places}); elsewhere "
                 "\"{first}\".",
      rationale_tr="Aynı amaç ya da hedef her yerde aynı adla anılmalıdır; farklı yazımlar kopyala-yapıştır "
                   "hatalarını ya da birbirine karışmış tabloları gösterebilir. Aynı yazım farkı birden çok yerde "
                   "tekrarlanıyorsa tek bulgu olarak, bütün yerleriyle bildirilir.",
      rationale_en="The same amaç or hedef should carry the same title everywhere; variants can show copy-paste "
                   "errors or mixed-up tables. A variant repeated in several places is one finding listing them.",
      example="'Evrinsel Değerlere' / 'Evransel Değerlere'.")
def title_differs(ctx: Context) -> Iterable[Finding]:
    from collections import Counter

    groups: dict[tuple[str, str], list[tuple[str, object]]] = {}
    for h in ctx.report.hedefler:
        for kind, key, title in (("amac", h.amac, h.amac_title), ("hedef", f"{h.amac} {h.hedef}", h.hedef_title)):
            if title:
                groups.setdefault((kind, key), []).append((title, h))
    for (kind, key), items in groups.items():
        counts = Counter(fold(t) for t, _ in items)
        if len(counts) < 2:
            continue
        # the spelling used most (the first one on a tie) is the reference; each other spelling one finding
        order = {f: i for i, f in reversed(list(enumerate(fold(t) for t, _ in items)))}
        main = max(counts, key=lambda f: (counts[f], -order[f]))
        first = next(t for t, _ in items if fold(t) == main)
        for variant in sorted((f for f in counts if f != main), key=lambda f: order[f]):
            where = [h for t, h in items if fold(t) == variant]
            other = next(t for t, _ in items if fold(t) == variant)
            h0 = where[0]
            places = ", ".join(" ".join(x for x in b.key if x) for b in where)  # type: ignore[attr-defined]
            yield make("IZ604", None, amac=h0.amac, hedef=h0.hedef if kind == "hedef" else None,  # type: ignore[attr-defined]
                       cell=h0.evidence.cells.get(kind), row_page=h0.evidence.page, row_bbox=h0.evidence.bbox,  # type: ignore[attr-defined]
                       page=h0.page, field=f"{kind}-baslik", what=key, first=first, other=other, n=len(where),  # type: ignore[attr-defined]
                       places=places, place_list=[list(b.key) for b in where])  # type: ignore[attr-defined]


@rule(id="IZ605", name="ph-number-mismatch", category="label", severity="warning",
      message_tr="{where}: ayrıntı tablosundaki {detail_ph} (\"{title}\") özet tabloda {summary_ph} olarak "
                 "numaralanmış.",
      message_en="{where}: the detail table's {detail_ph} (\"{title}\") is numbered {summary_ph} in the summary.",
      rationale_tr="Performans hedeflerinin numaraları ayrıntı ve özet tablolarda aynı olmalıdır; değişmişse "
                   "PH yüzdeleri ve hedefe etkileri yanlış hedefe yazılmış olabilir.",
      rationale_en="PH numbers must agree between detail and summary; if they are swapped, percentages and weights "
                   "may have been written against the wrong PH.",
      example="Ayrıntıda PH1 'Vatandaşların Beklentisini…', özette Performans Hedefi 2.")
def ph_number_mismatch(ctx: Context) -> Iterable[Finding]:
    for a in ctx.report.summary.amaclar:
        for sh in a.hedefler:
            for b in ctx.report.hedefler:
                if (b.amac, b.hedef) != (a.amac, sh.hedef) or not b.performans_hedefi:
                    continue
                ph = match_ph(b, sh.performans_hedefleri)
                if ph is not None and ph.performans_hedefi != b.performans_hedefi and \
                        title_score(b.performans_hedefi_title, ph.title) >= SAME_TITLE - 25:
                    yield make("IZ605", b, cell=b.evidence.cells.get("performans_hedefi"), row_page=b.evidence.page,
                               row_bbox=b.evidence.bbox, where=f"{a.amac} {sh.hedef}", detail_ph=b.performans_hedefi,
                               summary_ph=ph.performans_hedefi, title=b.performans_hedefi_title[:70])


@rule(id="IZ606", name="not-tied-to-performans-hedefi", category="structure", severity="warning",
      message_tr="{where}: {what}",
      message_en="{where}: {what_en}",
      rationale_tr="Sayıştay bulgusu: performans hedefine bağlanmamış göstergelerde, hedefin hangi düzeyde "
                   "gerçekleştiği değerlendirilemez. Bir hedef performans hedeflerine bölünmüşse her gösterge bir "
                   "performans hedefinin altında olmalıdır; özet tablo bir hedefi performans hedeflerine bölüyorsa "
                   "ayrıntı tabloları da bölmelidir. Performans hedefi kullanmayan hedefler için kural bir şey "
                   "söylemez.",
      rationale_en="A Court of Accounts finding: for göstergeler not tied to a performans hedefi the level of "
                   "achievement cannot be judged. Where a hedef is split into performans hedefleri every gösterge "
                   "must stand under one; where the summary splits a hedef, the detail tables must too. Hedefler "
                   "that use no performans hedefi are not concerned.",
      example="A3 H1'de PH1 ve PH2 blokları var, ama üçüncü bir blokta göstergeler performans hedefi olmadan "
              "duruyor.")
def not_tied_to_ph(ctx: Context) -> Iterable[Finding]:
    r = ctx.report
    for amac, hedef in r.hedef_keys():
        blocks = [b for b in r.hedefler if (b.amac, b.hedef) == (amac, hedef)]
        with_ph = [b for b in blocks if b.performans_hedefi]
        if with_ph:
            for b in blocks:
                if not b.performans_hedefi and b.gostergeler:
                    n = len(b.gostergeler)
                    yield make("IZ606", b, cell=b.evidence.cells.get("hedef"), row_page=b.evidence.page,
                               row_bbox=b.evidence.bbox, where=f"{amac} {hedef}", field="gosterge",
                               what=f"hedef {len(with_ph)} performans hedefine bölünmüş, ama bir bloktaki {n} "
                                    f"gösterge hiçbir performans hedefine bağlı değil.",
                               what_en=f"the hedef is split into {len(with_ph)} performans hedefleri, but {n} "
                                       f"göstergeler of one block are tied to none.")
            continue
        a = r.summary.amac(amac)
        sh = next((x for x in a.hedefler if x.hedef == hedef), None) if a else None
        if sh is not None and sh.performans_hedefleri:
            b = blocks[0]
            names = ", ".join(p.performans_hedefi for p in sh.performans_hedefleri)
            yield make("IZ606", b, cell=b.evidence.cells.get("hedef"), row_page=b.evidence.page,
                       row_bbox=b.evidence.bbox, where=f"{amac} {hedef}", field="hedef",
                       what=f"özet tablo hedefi performans hedeflerine bölüyor ({names}), ama ayrıntı "
                            f"tablolarında göstergeler hiçbir performans hedefine bağlı değil.",
                       what_en=f"the summary splits the hedef into performans hedefleri ({names}), but in the "
                               f"detail tables its göstergeler are tied to none.")
