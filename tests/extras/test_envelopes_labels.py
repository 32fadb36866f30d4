"""Envelopes and address labels: scripts, order, country lines, airmail, geometry on the PDF."""

from __future__ import annotations

from tests.letters.conftest import plain

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from ua_writer.core.errors import UserFacingError
from ua_writer.core.model import Recipient, SenderProfile
from ua_writer.export import envelope, labels

pdfplumber = pytest.importorskip("pdfplumber")
MM = 72 / 25.4
TOL = 0.01  # pt


def pdftotext(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    r = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def chars(data: bytes, page: int = 0):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        p = pdf.pages[page]
        return [dict(c) for c in p.chars], p.width, p.height, len(pdf.pages)


def gb_profile():
    return SenderProfile(name="Ann Smith", address_lines=["1 High Street", "Oxford OX1 1AA"],
                         city="Oxford", country="GB", email="ann@example.org")


def ru_profile():
    return SenderProfile(name="Анна Иванова", address_lines=["ул. Ленина, д. 1", "г. Тверь", "170000"],
                         city="Тверь", country="RU", languages=["ru"])


# -- envelopes --------------------------------------------------------------------------------------

@pytest.mark.parametrize("size,w,h", [("dl", 220, 110), ("c5", 229, 162), ("c6/5", 229, 114)])
def test_envelope_sizes(store, berlin_profile, size, w, h):
    r = store.get_action("juraev-2011").recipient("prosecutor-general")
    data, lay = envelope.envelope_pdf_bytes(r, "ru", berlin_profile, size=size)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert abs(float(box.width) - w * MM) < 0.01 and abs(float(box.height) - h * MM) < 0.01
    assert lay.warnings == []


def test_russian_envelope_cyrillic_dative_postcode_airmail(store, berlin_profile):
    r = store.get_action("juraev-2011").recipient("prosecutor-general")
    data, lay = envelope.envelope_pdf_bytes(r, "ru", berlin_profile)
    assert plain(lay.address) == ["Генеральному прокурору Российской Федерации", "Ю. Я. Чайке",
                           "ул. Большая Дмитровка, д. 15а", "г. Москва", "125993",
                           "RUSSLAND / РОССИЯ"]
    assert lay.airmail
    assert lay.return_address == ["Anna Kovač", "Musterstraße 12", "10115 Berlin",
                                  "DEUTSCHLAND / ГЕРМАНИЯ"]
    text = pdftotext(data)
    for s in ("Генеральному прокурору Российской Федерации", "Ю. Я. Чайке", "125993",
              "RUSSLAND / РОССИЯ", "PAR AVION", "BY AIR MAIL", "Anna Kovač", "Musterstraße 12"):
        assert s in text, s
    # return address top left, recipient's address in the lower right field
    cs, W, H, _ = chars(data)
    addr = [c for c in cs if c["x0"] >= 0.45 * W - TOL]
    ret = [c for c in cs if c["x1"] <= 0.45 * W]
    assert addr and ret
    x0, bottom, bw, bh = lay.address_box
    for c in addr:
        assert c["x1"] <= W - 15 * MM + TOL and c["bottom"] <= H - 15 * MM + TOL   # clear of the barcode strip
        assert c["top"] >= H - (bottom + bh) - TOL                                   # below the stamp area
    assert min(c["top"] for c in ret) >= 10 * MM - 1 and max(c["bottom"] for c in ret) < H / 2


def test_english_envelope_uses_the_upu_name_first(store):
    r = store.get_action("juraev-2011").recipient("prosecutor-general")
    lines = envelope.postal_lines(r, "en", gb_profile())
    assert plain(lines[0]) == "Yurii Ya. Chaika"
    assert lines[-1] == "RUSSIAN FEDERATION / РОССИЯ"


def test_domestic_post_has_no_country_line_and_no_airmail(store):
    r = store.get_action("juraev-2011").recipient("prosecutor-general")
    data, lay = envelope.envelope_pdf_bytes(r, "ru", ru_profile())
    assert not lay.airmail and lay.address[-1] == "125993"
    assert lay.return_address == ["Анна Иванова", "ул. Ленина, д. 1", "г. Тверь", "170000"]
    text = pdftotext(data)
    assert "PAR AVION" not in text and "РОССИЯ" not in text and "Анна Иванова" in text


def test_no_profile_warns_and_assumes_abroad(store):
    r = store.get_action("juraev-2011").recipient("prosecutor-general")
    data, lay = envelope.envelope_pdf_bytes(r, "ru", SenderProfile())
    assert lay.return_address == [] and lay.airmail
    assert any("no sender profile" in w for w in lay.warnings)


def test_envelope_errors(store, berlin_profile):
    with pytest.raises(UserFacingError, match="unknown envelope size"):
        envelope.envelope_size("b4")
    nowhere = Recipient(id="x", name="Nobody")
    with pytest.raises(UserFacingError, match="no postal address"):
        envelope.envelope_pdf_bytes(nowhere, "en", berlin_profile)


# -- label geometry -------------------------------------------------------------------------------

LONG = ["Директору Третьего департамента стран Содружества Независимых Государств Министерства "
        "иностранных дел Российской Федерации и всех его территориальных подразделений",
        "Михаилу Александровичу Пешкову-Константинопольскому",
        "Смоленская-Сенная площадь, дом 32/34, строение 1, подъезд 3, этаж 7, кабинет 712",
        "г. Москва", "119200", "RUSSLAND / РОССИЯ"]


def sample_addresses(store, berlin_profile):
    acts = [store.get_action(a) for a in ("juraev-2011", "azimov-2011", "kasymakhunov-2012")]
    addrs, _ = labels.addresses_for(acts, berlin_profile, copies=True)
    return [a.lines for a in addrs] + [LONG, ["X"], LONG * 3]


def label_rects_pt(sheet, offset, page_h):
    """Label rectangles in pdfplumber's coordinates (pt, origin top left)."""
    out = []
    for i in range(sheet.per_sheet):
        x, y, w, h = sheet.label_rect(i, offset)
        out.append((x * MM, y * MM, (x + w) * MM, (y + h) * MM))
    return out


@pytest.mark.parametrize("key", ["3x7", "2x7"])
@pytest.mark.parametrize("offset", [(0.0, 0.0), (2.5, -1.5)])
def test_every_text_box_lies_inside_its_label(store, berlin_profile, key, offset):
    addrs = sample_addresses(store, berlin_profile)
    sheet = labels.sheet(key)
    data, lay = labels.labels_pdf_bytes(addrs, sheet_key=key, offset=offset, skip=1)
    assert lay.pages == 1 and len(lay.boxes) == len(addrs)
    assert any("cut" in w for w in lay.warnings)           # LONG * 3 cannot fit: reported
    cs, W, H, _ = chars(data)
    assert (round(W), round(H)) == (595, 842)
    rects = label_rects_pt(sheet, offset, H)
    used = set()
    for c in cs:
        inside = [i for i, (x0, t, x1, b) in enumerate(rects)
                  if c["x0"] >= x0 - TOL and c["x1"] <= x1 + TOL and c["top"] >= t - TOL
                  and c["bottom"] <= b + TOL]
        assert len(inside) == 1, (c["text"], c["x0"], c["top"], c["x1"], c["bottom"])
        i = inside[0]
        used.add(i)
        # and inside the label's padding, where printers can print
        x0, t, x1, b = rects[i]
        assert c["x0"] >= x0 + sheet.pad_x * MM - TOL and c["x1"] <= x1 - sheet.pad_x * MM + TOL
        assert c["top"] >= t + sheet.pad_y * MM - TOL and c["bottom"] <= b - sheet.pad_y * MM + TOL
    assert used == set(range(1, 1 + len(addrs)))             # label 0 skipped, one label each


def test_label_sheet_numbers_match_the_published_templates():
    s = labels.sheet("2x7")
    assert (s.cols, s.rows, s.label_w, s.label_h, s.pitch_x, s.pitch_y, s.left, s.top) == \
        (2, 7, 99.06, 38.1, 101.6, 38.1, 4.67, 15.15)
    # symmetric on A4: left + 2 labels + gap + right = 210, top + 7 rows + bottom = 297
    assert abs(2 * s.left + s.pitch_x + s.label_w - 210) < 0.01
    assert abs(2 * s.top + 7 * s.pitch_y - 297) < 0.01
    t = labels.sheet("3x7")
    assert (t.cols, t.rows, t.label_w, t.label_h, t.pitch_x) == (3, 7, 70.0, 42.3, 70.0)
    assert t.label_rect(20)[1] + t.label_h <= 297
    assert t.label_rect(21) == t.label_rect(0)               # the next sheet starts over


def test_cyrillic_survives_on_labels(store, berlin_profile):
    data, _ = labels.labels_pdf_bytes(sample_addresses(store, berlin_profile)[:7], sheet_key="2x7")
    text = pdftotext(data)
    for s in ("Генеральному прокурору", "Ю. Я. Чайке", "ул. Большая Дмитровка, д. 15а",
              "Московский городской суд", "RUSSLAND / РОССИЯ"):
        assert s in text, s


def test_labels_flow_onto_more_sheets_and_skip(store, berlin_profile):
    data, lay = labels.labels_pdf_bytes([["A", "B"]] * 5, sheet_key="3x7", skip=19)
    assert lay.pages == 2 and [b[:2] for b in lay.boxes] == [(0, 19), (0, 20), (1, 0), (1, 1), (1, 2)]
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
    with pytest.raises(UserFacingError, match="--skip"):
        labels.labels_pdf_bytes([["A"]], sheet_key="3x7", skip=21)
    with pytest.raises(UserFacingError, match="offset"):
        labels.labels_pdf_bytes([["A"]], offset=(25, 0))
    with pytest.raises(UserFacingError, match="unknown label sheet"):
        labels.sheet("4x10")


def test_addresses_for_main_and_copies(store, berlin_profile):
    juraev = store.get_action("juraev-2011")
    main, _ = labels.addresses_for([juraev], berlin_profile)
    assert [a.recipient_id for a in main] == ["prosecutor-general"]
    both, _ = labels.addresses_for([juraev], berlin_profile, copies=True)
    assert [a.recipient_id for a in both] == ["prosecutor-general", "moscow-city-court"]
    en, _ = labels.addresses_for([juraev], berlin_profile, language="en")
    assert plain(en[0].lines[0]) == "Yurii Ya. Chaika" and en[0].lines[-1] == "RUSSLAND / РОССИЯ"


@pytest.mark.parametrize("key", ["3x7", "2x7"])
def test_calibration_page_outlines_and_crosshairs(key, tmp_path):
    sheet = labels.sheet(key)
    target = tmp_path / "cal.pdf"
    result = labels.write_calibration_pdf(target, sheet_key=key, offset=(1.0, 2.0))
    assert result.pages == 1
    with pdfplumber.open(target) as pdf:
        page = pdf.pages[0]
        rects = [r for r in page.rects if r["width"] > 50]
        assert len(rects) == sheet.per_sheet
        expected = sorted((round(x0, 1), round(t, 1)) for x0, t, _, _ in
                          label_rects_pt(sheet, (1.0, 2.0), page.height))
        assert sorted((round(r["x0"], 1), round(r["top"], 1)) for r in rects) == expected
        assert len(page.lines) >= 2 * sheet.per_sheet     # the crosshairs (plus corner ticks)
        assert "+1.0 mm" in page.extract_text()


# -- CLI --------------------------------------------------------------------------------------------

def test_cli_envelope(cli, tmp_path, store, berlin_profile):
    store.save_profile(berlin_profile)
    target = tmp_path / "env.pdf"
    code, out, err = cli("envelope", "juraev-2011", "--to", "prosecutor-general", "--size", "c6/5",
                         "-o", str(target))
    assert code == 0, err
    assert "C6/5 envelope" in out and err == ""
    text = pdftotext(target.read_bytes())
    assert "Ю. Я. Чайке" in text and "PAR AVION" in text
    code, out, err = cli("envelope", "juraev-2011", "--to", "prosecutor-general", "--lang", "en",
                         "-o", str(target))
    assert code == 0 and "Yurii Ya. Chaika" in pdftotext(target.read_bytes())
    code, _, err = cli("envelope", "juraev-2011", "--to", "nobody", "-o", str(target))
    assert code == 2 and "no recipient 'nobody'" in err


def test_cli_labels_prefs_offsets_and_calibration(cli, tmp_path, store):
    target = tmp_path / "labels.pdf"
    code, out, err = cli("labels", "juraev-2011", "kasymakhunov-2012", "--copies", "-o", str(target))
    assert code == 0, err
    assert "5 labels on 1 3x7 sheet" in out
    assert "no sender profile" not in err
    code, out, err = cli("labels", "--calibration", "--sheet", "2x7", "--offset-x", "1.5",
                         "--offset-y", "-0.5", "--save-offsets", "-o", str(tmp_path / "cal.pdf"))
    assert code == 0, err
    prefs = store.prefs()
    assert (prefs["label_sheet"], prefs["label_offset_x_mm"], prefs["label_offset_y_mm"]) == ("2x7", 1.5, -0.5)
    code, out, err = cli("labels", "juraev-2011", "-o", str(target))
    assert code == 0 and "1 label on 1 2x7 sheet" in out     # the saved sheet
    code, _, err = cli("labels", "-o", str(target))
    assert code == 2 and "at least one action" in err
    code, _, err = cli("labels", "juraev-2011", "--offset-x", "30", "-o", str(target))
    assert code == 2 and "too large" in err
