"""Adversary: initials and partial full names.

- The initial of a Georgian name was upper-cased to a Mtavruli letter no embedded font
  draws: the copy printed « [caractère : georgian mtavruli capital letter nar] ».
- The initial of a name in Han, kana, Hangul or Thai is a whole syllable or word (« 美 » of
  « 美咲 »), printed in the copy as « [caractère : cjk unified ideograph-7f8e] »: one of
  thousands, not one of 26 — it says the name.
- One given name and the surname written in lower case (« isil ozturk ») stayed.
"""

from __future__ import annotations

from desktop.core.export.pseudonym import IdentityTable, add_person, initials, initials_name
from desktop.core.pv.glyphs import printable
from desktop.core.text import skeleton


def test_georgian_initial_is_printable():
    assert "[" not in printable(initials("ნინო"))
    assert "[" not in printable(initials_name("ნინო ბერიძე"))


def test_initial_of_a_syllabic_or_logographic_name_says_nothing():
    for name in ("美咲", "지민", "มะลิ"):
        assert name[0] not in initials(name) + initials_name(name)


def test_one_given_name_and_surname_in_lower_case():
    table = IdentityTable()
    add_person(table, "Öztürk", "İlayda-Işıl", {}, "2012-03-14", 14)
    out = table.scrub("on dit isil ozturk ou ilayda ozturk")
    assert "ozturk" not in skeleton(out), out
