"""Generate docs/rules.md from the catalog: ``python -m izlem_audit.rules.docs > docs/rules.md``."""

from __future__ import annotations

from .registry import all_rules


def render() -> str:
    out = ["# Kurallar / Rules", "",
           "Generated from the catalog by `python -m izlem_audit.rules.docs > docs/rules.md`; a test keeps it in sync.",
           "`izlem-audit rules IZxxx` shows one rule in the terminal.", "",
           "| id | name | category | severity |", "|---|---|---|---|"]
    rules = all_rules()
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.name} | `{r.category}` | {r.severity} |")
    for r in rules:
        out += ["", f"## {r.id}", "", f"**{r.name}** · category `{r.category}` · default severity `{r.severity}`", "",
                f"- İleti: {r.message_tr}", f"- Message: {r.message_en}", "",
                f"**Gerekçe.** {r.rationale_tr}", "", f"**Rationale.** {r.rationale_en}", "",
                f"**Örnek / example.** {r.example}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
