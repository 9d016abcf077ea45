from __future__ import annotations

import pytest

from desktop.core.medical.bodymap import clock_hour, clock_point, load_bodymap
from desktop.core.medical.lesions import (
    Lesion,
    Position,
    add_lesion,
    describe_lesion,
    format_size,
    lesions_from_answer,
    lesions_to_answer,
    remove_lesion,
    replace_lesion,
)
from desktop.core.medical.validation import FieldError


def bruise(**kw):
    base = dict(
        number=None,
        type="ecchymose",
        position=Position.at("face", 0.4, 0.25),
        length_mm=30,
        width_mm=20,
        colour="violacée",
        description="arrondie",
    )
    base.update(kw)
    return Lesion(**base)


def test_lesion_without_position_refused_and_list_unchanged():
    kept = add_lesion([], bruise())
    with pytest.raises(FieldError) as err:
        add_lesion(kept, bruise(position=None))
    assert err.value.fields == ("position",)
    assert "sans position" in err.value.message
    assert len(kept) == 1


def test_position_off_the_silhouette_refused():
    with pytest.raises(FieldError) as err:
        add_lesion([], bruise(position=Position("face", 0.02, 0.02)))
    assert "en dehors du schéma" in err.value.for_field("position")


def test_numbering_is_stable_after_removal():
    lesions = add_lesion([], bruise())
    lesions = add_lesion(lesions, bruise())
    lesions = add_lesion(lesions, bruise())
    lesions = remove_lesion(lesions, 2)
    lesions = add_lesion(lesions, bruise())
    assert [x.number for x in lesions] == [1, 3, 4]


def test_duplicate_number_refused():
    lesions = add_lesion([], bruise())
    with pytest.raises(FieldError) as err:
        add_lesion(lesions, bruise(number=1))
    assert err.value.fields == ("numero",)


def test_missing_type_and_bad_size():
    with pytest.raises(FieldError) as err:
        add_lesion([], bruise(type=" ", length_mm=-3))
    assert set(err.value.fields) == {"type", "taille"}


def test_replace_keeps_number():
    lesions = add_lesion([], bruise())
    lesions = replace_lesion(lesions, 1, bruise(type="plaie"))
    assert lesions[0].number == 1 and lesions[0].type == "plaie"


def test_description_front_back_sides():
    # Front view: the viewer's left is the person's right.
    assert "face antérieure, thorax, côté droit" in describe_lesion(bruise(number=1))
    back = bruise(number=2, position=Position.at("dos", 0.4, 0.25))
    assert "face postérieure, haut du dos, côté gauche" in describe_lesion(back)
    thigh = bruise(number=3, position=Position.at("face", 0.42, 0.6))
    assert "cuisse droite" in describe_lesion(thigh)


def test_clock_face_positions_on_detail_views():
    assert clock_hour(0.5, 0.1) == 12
    assert clock_hour(0.9, 0.5) == 3
    assert clock_hour(0.5, 0.9) == 6
    assert clock_hour(0.1, 0.5) == 9
    assert clock_hour(0.5, 0.5) is None
    for hour in range(1, 13):
        assert clock_hour(*clock_point(hour)) == hour
    fissure = Lesion(7, "fissure", Position.at("anal", *clock_point(6)), 4, None, "rouge", "")
    assert describe_lesion(fissure) == (
        "Lésion n°\u00a07 : fissure de teinte rouge, 4\u00a0mm, région anale, à 6\u00a0heures."
    )


def test_text_and_size():
    text = describe_lesion(bruise(number=1, description="bords nets."))
    assert text.startswith(
        "Lésion n°\u00a01 : ecchymose de teinte violacée, 3\u00a0×\u00a02\u00a0cm"
    )
    assert text.endswith("Bords nets.")
    assert format_size(35, 5) == "3,5\u00a0×\u00a00,5\u00a0cm"
    assert format_size(None, None) == ""


def test_round_trip_through_answers():
    lesions = add_lesion([], bruise())
    lesions = add_lesion(lesions, Lesion(None, "fissure", Position.at("anal", 0.5, 0.85)))
    assert lesions_from_answer(lesions_to_answer(lesions)) == lesions


def test_regions_cover_the_silhouette():
    bm = load_bodymap()
    for view in ("face", "dos"):
        for iy in range(1, 200):
            for ix in range(1, 100):
                nx, ny = ix / 100, iy / 200
                if bm.on_body(view, nx, ny):
                    assert bm.region(view, nx, ny) != "hors région", (view, ix, iy)
