"""What kind of document a read report is: a monitoring report, the performance programme, or the year's
activity report. Told from what was read (the layout reader that took the tables) and the printed title; the
console, HTML report and ``compare`` all name the document by it."""

from __future__ import annotations

import re

from ..model import Report
from ..normalising.text import fold

KIND_REPORT = "monitoring_report"
KIND_PROGRAMME = "programme"
KIND_ACTIVITY = "activity_report"


def kind_of(report: Report) -> str:
    """``programme`` when the programme's tables were read (``layout == "programme"``: göstergeler with a target
    and no actual) and the title names no report, or when the title names the programme and no period is printed;
    ``activity_report`` for the annual activity report; else ``monitoring_report``."""
    title = fold(report.title or "")
    if report.layout == KIND_PROGRAMME and not re.search(r"\b(izleme|degerlendirme|faaliyet)\s+rapor", title):
        return KIND_PROGRAMME
    if report.layout == "activity_deviation" or ("faaliyet raporu" in title and "izleme" not in title):
        return KIND_ACTIVITY
    monitored = any(g.periods for h in report.hedefler for g in h.gostergeler)
    if "performans programi" in title and "izleme" not in title and "degerlendirme" not in title and not monitored:
        return KIND_PROGRAMME
    return KIND_REPORT
