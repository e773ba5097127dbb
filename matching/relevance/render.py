"""The relevance report as a compact developer table (English, plain text)."""

from __future__ import annotations

WORST = 5
LISTED_ERRORS = 15


def _number(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "-"


def _percent(value) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def _section_row(name: str, section: dict | None, *, reached: str) -> str:
    if section is None:
        return f"  {name:<22} not run (--no-close-titles, or the search criteria have no 'close_titles' switch)"
    return (f"  {name:<22} {_number(section['ndcg']):>7} {_number(section['precision']):>6} "
            f"{_number(section['recall']):>6}   {reached} {_share(section['zero_reached'], section['zeros'])}")


def _top(row: dict) -> str:
    parts = [f"g{row['grade']}"]
    if "percent" in row:
        parts.append(f"{row['percent']} %")
    if row.get("experience"):
        parts.append(row["experience"])
    return f"{row['ref']} ({', '.join(parts)})"


def _worst(lines: list[str], name: str, section: dict | None) -> None:
    if not section:
        return
    ranked = sorted((o for o in section["offers"] if o["ndcg"] is not None), key=lambda o: (o["ndcg"], o["offer"]))
    lines.append(f"Worst {WORST} offers, {name} (by nDCG@10):")
    for offer in ranked[:WORST]:
        lines.append(
            f"  {offer['offer']} {offer['title']} [{offer['family']}]: nDCG {_number(offer['ndcg'])}, "
            f"P@10 {_number(offer['precision'])}, {offer['selected']} shown, "
            f"{offer['zero_reached']} graded 0 among them"
        )
        lines.append("    top: " + (", ".join(_top(row) for row in offer["top"]) or "(nothing)"))
        if offer["zero_refs"]:
            lines.append("    graded 0 yet shown: " + ", ".join(offer["zero_refs"][:12]))
    lines.append("")


def render_text(report: dict) -> str:
    best = (report.get("matching") or report.get("cvtheque") or {}).get("best_precision")
    lines = [
        f"Relevance report: {report['set']} ({report['offers']} offers, {report['pool']} profiles, "
        f"{report['title_pairs']} title pairs, {report['skills']} skills); default threshold "
        f"{report['threshold']} %, k = {report['k']}",
        "",
    ]
    if report.get("matching") or report.get("cvtheque"):
        lines.append(f"  {'':<22} {'nDCG@10':>7} {'P@10':>6} {'R@10':>6}   graded-0 profiles")
        lines.append(_section_row("matching", report.get("matching"), reached="at/above threshold"))
        lines.append(_section_row("cvtheque", report.get("cvtheque"), reached="returned"))
        lines.append(_section_row("cvtheque + close titles", report.get("cvtheque_close_titles"),
                                  reached="returned"))
        lines.append(f"  (P@10 counts grades 2-3 over 10 places; the judgments allow at most {_number(best)})")
        lines.append("")
    titles = report.get("titles")
    if titles:
        lines.append(
            f"Title pairs (found or approximate = close): recall {_percent(titles['recall'])} "
            f"({titles['true_positives']}/{titles['positives']} close pairs), precision "
            f"{_percent(titles['precision'])} ({titles['false_positives']} not-close pairs said close)"
        )
    skills = report.get("skills_variants")
    if skills:
        lines.append(
            f"Skill variants (found or approximate = credited): recall {_percent(skills['recall'])} "
            f"({skills['credited']}/{skills['variants']} variants of {skills['skills']} skills), "
            f"false credits {skills['false_credits']}/{skills['traps']}"
        )
    holdout = report.get("holdout")
    if holdout:
        held_titles, held_skills = holdout["titles"], holdout["skills_variants"]
        lines.append(
            f"Held-out (written after the vocabularies, never tuned on): title recall "
            f"{_percent(held_titles['recall'])} ({held_titles['true_positives']}/{held_titles['positives']}), "
            f"precision {_percent(held_titles['precision'])}; skill recall {_percent(held_skills['recall'])} "
            f"({held_skills['credited']}/{held_skills['variants']}), false credits "
            f"{held_skills['false_credits']}/{held_skills['traps']}"
        )
    if titles or skills or holdout:
        lines.append("")
    matching, cvtheque = report.get("matching"), report.get("cvtheque")
    if matching:
        others = {o["offer"]: o for o in (cvtheque or {"offers": []})["offers"]}
        lines.append("Per offer:  matching nDCG P@10 graded-0-reached | cvtheque nDCG P@10")
        for offer in matching["offers"]:
            other = others.get(offer["offer"], {})
            lines.append(
                f"  {offer['offer']:<5} {offer['title'][:34]:<34} {_number(offer['ndcg']):>5} "
                f"{_number(offer['precision']):>5} {offer['zero_reached']:>3} | "
                f"{_number(other.get('ndcg')):>5} {_number(other.get('precision')):>5}"
            )
        lines.append("")
    _worst(lines, "matching", matching)
    _worst(lines, "cvtheque", cvtheque)
    _worst(lines, "cvtheque + close titles", report.get("cvtheque_close_titles"))
    if titles and titles["errors"]:
        lines.append(f"Title pairs judged wrongly (first {LISTED_ERRORS} of {len(titles['errors'])}):")
        lines.extend(
            f"  {'close' if e['close'] else 'not close'} but {e['state']}: {e['asked']} <- {e['held']}"
            for e in titles["errors"][:LISTED_ERRORS]
        )
        lines.append("")
    if skills and (skills["misses"] or skills["false_matches"]):
        lines.append(f"Skill variants missed (first {LISTED_ERRORS} of {len(skills['misses'])}): " + "; ".join(
            f"{m['asked']} <- {m['written']}" for m in skills["misses"][:LISTED_ERRORS]))
        if skills["false_matches"]:
            lines.append("Look-alikes credited: " + "; ".join(
                f"{m['asked']} <- {m['written']}" for m in skills["false_matches"]))
        lines.append("")
    seconds = report.get("seconds") or {}
    lines.append("Seconds: " + ", ".join(f"{name} {value:g}" for name, value in seconds.items()))
    return "\n".join(lines)
