"""A corpus of FICTIONAL names across scripts and spellings for the pseudonymisation tests.

(role, first name, last name, nickname) — victims, other minors, suspects, clients,
relatives and professionals. Every example of issue 19 is here.
"""

from __future__ import annotations

import unicodedata

PEOPLE = (
    ("victime", "Léa", "MARTIN", "Lili"),
    ("autre", "Noémie", "LEFÈVRE", ""),
    ("victime", "Šukar", "Rostaš", "Šuki"),
    ("autre", "Ayşe", "Öztürk", ""),
    ("autre", "Ioana", "Ștefănescu", "Ioanuța"),
    ("autre", "Thị Lan", "Nguyễn", ""),
    ("suspect", "Milan", "Dragović", "Dragan"),
    ("autre", "أمينة", "Benali", ""),
    ("autre", "Awa", "N'Diaye-Lefèvre", ""),
    ("suspect", "Brandonnet", "Kesslerand", "Doc"),
    ("suspect", "Wolfgang", "Großmüller", "Wolfie"),
    ("client", "Søren", "Kjærgaard", ""),
    ("client", "Łukasz", "Wróblewski", "Łuki"),
    ("client", "Đorđe", "Petrović", ""),
    ("témoin", "Zoé", "Hélène-Valéry", ""),
    ("témoin", "Maëlle", "Girardot", ""),
    ("autre", "Étienne", "Œhlerberg", ""),
    ("autre", "Inès", "Rousselin", "Nénès"),
    ("autre", "Yanis", "Haddadi", ""),
    ("autre", "Светлана", "Кузнецова", "Света"),
    ("suspect", "Дмитрий", "Волков", ""),
    ("client", "Ελένη", "Παπαδοπούλου", ""),
    ("autre", "Nguyễn Văn", "Thắng", ""),
    ("autre", "Trần", "Thị Hồng", ""),
    ("autre", "Fatoumata", "Traoré", "Fatou"),
    ("autre", "Mamadou", "Keïta", ""),
    ("autre", "Aïcha", "Bensaïd", ""),
    ("suspect", "Karim", "El Ouazzani", "K-Rim"),
    ("client", "Jürgen", "Schäfer", ""),
    ("autre", "Çağla", "Yılmaz", ""),
    ("autre", "İlknur", "Şahin", ""),
    ("autre", "Guðrún", "Þórsdóttir", ""),
    ("autre", "Ángel", "Muñoz", ""),
    ("autre", "João", "Gonçalves", ""),
    ("autre", "Chloé", "Dubois-Legrand", ""),
    ("autre", "Maïwenn", "Le Guellec", ""),
    ("autre", "Anaïs", "D'Artagnan", ""),
    ("autre", "Océane", "Saint-Exupéry", ""),
    ("victime", "Jade", "Vasseur", "Jadou"),
    ("autre", "Lina", "Cherkaoui", ""),
    ("autre", "Kenza", "Boumediene", ""),
    ("autre", "Rayane", "Messaoudi", "Rayou"),
    ("client", "Olivier", "Marchetti", ""),
    ("autre", "Sandrine", "Faucheux", ""),
    ("autre", "Gwenaëlle", "Kerhervé", ""),
    ("autre", "Ruxandra", "Țăranu", ""),
    ("autre", "Bogdan", "Ionescu", ""),
    ("autre", "Tomasz", "Szczęsny", ""),
    ("autre", "Zdeněk", "Dvořák", ""),
    ("autre", "Ljubica", "Đurić", ""),
    ("suspect", "Sabri", "Ben Youssef", "Sabs"),
    ("autre", "Priyanka", "Raghunathan", ""),
    ("autre", "Mei", "Lin-Zhao", ""),
    ("autre", "Kofi", "Mensah", ""),
    ("autre", "Aminata", "Diallo", ""),
    ("autre", "Hawa", "Sissoko", ""),
    ("autre", "Nour", "El Amrani", ""),
    ("autre", "Yasmine", "Belkacem", ""),
    ("autre", "Clémence", "Aubriot", ""),
    ("autre", "Perrine", "Vauthier", ""),
    ("autre", "Baptiste", "Lemaréchal", ""),
    ("autre", "Timéo", "Rabouin", ""),
    ("autre", "Ilyès", "Zerrouki", ""),
)

_APOS = "‘ʼ’"


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def forms(first: str, last: str, nickname: str) -> list[str]:
    """The ways a name is written in statements, pasted notes and other documents."""
    full = f"{first} {last}"
    out = [
        f"{first} {last.upper()}",
        unicodedata.normalize("NFD", full),
        f"{last.upper()} {first}",
        _ascii(full),
        f"{first[:2]}\u200b{first[2:]} {last}",
        f"{first} {last[:3]}\u00ad{last[3:]}",
        full.replace("'", _APOS[0]).replace("-", "\u2011"),
        full.replace("'", _APOS[1]).replace(" ", "\u00a0"),
        first,
        last.upper(),
    ]
    if nickname:
        out.append(f"« {nickname} »")
    return out
