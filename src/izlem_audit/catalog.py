"""The rule catalog: every rule of ``check`` (``rules/``, IZ1xx-IZ6xx) and of ``compare`` (``comparing/rules.py``,
IZ7xx), for what lists or names rules — ``izlem-audit rules``, the rule ids a configuration may name, and
docs/rules.md: ``python -m izlem_audit.catalog > docs/rules.md``.

It stands above both packages so that neither imports the other's rules: ``comparing`` builds on ``rules.base``,
and ``rules`` knows nothing of ``comparing``.
"""

from __future__ import annotations

from .comparing import rules as _compare_rules  # noqa: F401  (registration of IZ7xx)
from .rules.base import REGISTRY, Rule
from .rules.registry import all_rules  # the check rules registered there, IZ7xx by the import above


def get_rule(rule_id: str) -> Rule | None:
    return REGISTRY.get(rule_id.upper())


def render() -> str:
    """docs/rules.md."""
    out = ["# Kurallar / Rules", "",
           "Generated from the catalog by `python -m izlem_audit.catalog > docs/rules.md`; a test keeps it in sync.",
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
