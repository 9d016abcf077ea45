"""A 30-page PV: render against bare reportlab with the same text, seal, verify."""

from __future__ import annotations

from bench.common import Figure, median, timed
from desktop.core.seal import benchmark as b


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
    ]
