"""A 30-page PV: render against bare reportlab with the same text, seal, verify; a PV whose
single answer holds 250,000 characters (the longest a field may hold) rendered and sealed."""

from __future__ import annotations

from bench.common import Figure, median, timed
from bench.hooks import seal as b

LONG_ANSWER = 250_000


def long_answer_pv():
    """The sample PV whose second answer is a 250,000-character statement (fictional words)."""
    import dataclasses

    from desktop.core.pv.sample import sample_pv
    from desktop.core.text import MAX_FIELD_CHARS

    words = (
        "Il m'a dit « viens, c'est facile » et je suis allée à l'hôtel avec les deux autres "
        "filles. Après il a pris mon téléphone et il a mis une annonce. "
    )
    n = min(LONG_ANSWER, MAX_FIELD_CHARS)
    doc = sample_pv()
    body = list(doc.body)
    body[1] = dataclasses.replace(body[1], answer=(words * (n // len(words) + 1))[:n])
    return dataclasses.replace(doc, body=tuple(body))


def bare_long(doc) -> bytes:
    """Bare reportlab, same text cut into the same paragraphs (one 250k paragraph would be
    quadratic: 34 s here before the fix, which is what the issue measured)."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop.core.pv.engine import chunks

    styles = getSampleStyleSheet()
    story = [
        Paragraph(escape(piece), styles["Normal"])
        for e in doc.body
        if e.kind == "qr"
        for piece in chunks(e.question + "\n" + e.answer)
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def long_figures() -> list[Figure]:
    doc = long_answer_pv()
    render_t = median([timed(lambda: b.render(doc)) for _ in range(2)])
    bare_t = median([timed(lambda: bare_long(doc)) for _ in range(2)])
    rendered = b.render(doc)
    seal_t = timed(lambda: b.seal(rendered))
    total = render_t + seal_t
    return [
        Figure(
            f"Réponse de {LONG_ANSWER:,} caractères : mise en page + sceau".replace(",", "\u00a0"),
            total,
            "s",
            bare_t,
            "reportlab nu, même texte en paragraphes",
            goal="≤ 3 s",
            met=total <= 3,
            note=f"{rendered.page_count} pages ; mise en page {render_t:.2f} s, sceau {seal_t:.2f} s",
        )
    ]


def spacy_load() -> list[Figure]:
    """Cold load of spaCy's French pipeline in a fresh process (the worker's first review)."""
    import subprocess
    import sys

    code = (
        "import time; t = time.perf_counter();"
        "from desktop.core.export.review import load_nlp; nlp = load_nlp();"
        "print(-1 if nlp is None else time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds = float(out.stdout.strip().splitlines()[-1])
    if seconds < 0:
        return []
    return [
        Figure(
            "spaCy fr_core_news_sm : chargement à froid (worker, relecture)",
            seconds,
            "s",
            goal="hors démarrage",
            met=True,
            note="jamais au démarrage : première relecture d'une copie pseudonymisée",
        )
    ]


def run() -> list[Figure]:
    doc = b.thirty_page_pv()
    b.render(doc)  # warm fonts and templates, as the running application would be
    b.bare_reportlab(doc)
    renders, bares = [], []
    for _ in range(3):  # interleaved, so both see the same machine load
        renders.append(timed(lambda: b.render(doc)))
        bares.append(timed(lambda: b.bare_reportlab(doc)))
    rendered = b.render(doc)
    pages = rendered.pdf.count(b"/Type /Page\n") or rendered.pdf.count(b"/Type /Page")
    b.seal(rendered)  # key parsed once, as in the application's worker
    seal_t = median([timed(lambda: b.seal(rendered)) for _ in range(3)])
    sealed = b.seal(rendered)
    assert b.verify(sealed).valid
    verify_t = median([timed(lambda: b.verify(sealed)) for _ in range(5)])
    r, base = median(renders), median(bares)
    return [
        Figure(
            f"PV de {pages} pages : mise en page PDF/A",
            r,
            "s",
            base,
            "reportlab nu, même texte",
            goal="≤ 2× la référence",
            met=r <= 2 * base,
        ),
        Figure(
            "PV de 30 pages : sceau PAdES (RSA-3072)",
            seal_t,
            "s",
            goal="≤ 0,3 s",
            met=seal_t <= 0.3,
        ),
        Figure("PV de 30 pages : vérification", verify_t, "s", goal="≤ 0,2 s", met=verify_t <= 0.2),
        *long_figures(),
        *spacy_load(),
    ]
