"""The import use cases both front ends call (services/importing.py, records.add_translation):
which stored action a UA is a translation of, an id of its own for a separate one, details from
the address book, the suggested Russian forms named for review."""

from __future__ import annotations

import pytest

from ua_writer.core.importer import import_text
from ua_writer.core.model import Action, Recipient
from ua_writer.core.store import Store
from ua_writer.services import importing, records

from tests.importer.test_known import UA as RU_UA
from tests.importer.test_translations import DE, EN


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_a_stored_actions_own_language_is_its_texts_language():
    # by its own words first
    de_text = Action(id="d", title="Blogger wegen Kritik inhaftiert",
                     summary="Der Blogger wurde am 20. Februar in Baku festgenommen, weil er die "
                             "Behörden kritisiert hat.", appeals={"de": ["x", "y"], "en": ["z"]})
    assert importing.primary_language(de_text) == "de"
    assert importing.primary_language(import_text(EN).action) == "en"
    # too little text to tell: its appeal points that are no translation
    assert importing.primary_language(Action(id="a", title="A")) == "en"
    assert importing.primary_language(Action(id="a", title="A", appeals={"en": ["x"], "de": ["y"]})) == "en"
    assert importing.primary_language(Action(id="a", title="A", appeals={"en": ["x"], "de": ["y", "z"]},
                                             localized={"de": {"title": "T"}})) == "en"
    de = Action(id="a", title="A", appeals={"de": ["y"]})
    assert importing.primary_language(de) == "de"
    assert importing.has_language(de, "de") and not importing.has_language(de, "en")
    assert importing.has_language(Action(id="b", title="B", localized={"fr": {"title": "T"}}), "fr")


def test_the_german_version_targets_the_english_action_and_is_added_once(store):
    en = import_text(EN).action
    store.save_action(en, origin="imported")
    de = import_text(DE)
    prepared = importing.prepare(store, de)
    assert prepared.language == "de" and prepared.target is not None and prepared.target.id == en.id
    changes, added = records.add_translation(store, en.id, de.action, "de")
    assert "appeals.de" in added and changes.actions == frozenset({en.id}) and changes.action_list
    stored = store.get_action(en.id, with_address_book=False)
    assert stored.appeals["de"] == de.action.appeals["de"] and stored.appeals["en"] == en.appeals["en"]
    assert len(store.action_rows()) == 1
    # the German version again: offered to update the German translation, not a new action
    again = importing.prepare(store, import_text(DE)).target
    assert again is not None and again.id == en.id and importing.has_language(again, "de")
    # and the English text again is the action's own language
    assert importing.prepare(store, import_text(EN)).target is None


def test_an_english_version_is_offered_to_an_action_imported_in_german(store):
    de = import_text(DE).action
    assert importing.primary_language(de) == "de"
    store.save_action(de, origin="imported")
    target = importing.translation_target(store, import_text(EN))
    assert target is not None and target.id == de.id
    changes, added = records.add_translation(store, de.id, import_text(EN).action, "en")
    stored = store.get_action(de.id, with_address_book=False)
    assert stored.appeals["en"][0].startswith("Urge the authorities") and stored.appeals["de"]


def test_a_separate_action_gets_an_id_of_its_own(store):
    a = Action(id="karimli-2021", title="A")
    assert importing.separate_id(store, a, "de") == "karimli-2021"
    store.save_action(a)
    assert importing.separate_id(store, a, "de") == "karimli-2021-de"
    store.save_action(Action(id="karimli-2021-de", title="B"))
    assert importing.separate_id(store, a, "de") == "karimli-2021-de-2"
    assert importing.separate_id(store, a, None) == "karimli-2021-xx"


def test_prepare_fills_from_the_address_book_and_names_the_suggestions(store):
    store.save_contact(Recipient(id="pg", name="Yurii Ya. Chaika",
                                 title="Prosecutor General of the Russian Federation",
                                 address_lines=["Bolshaia Dmitrovka 15 A", "Moscow 125993"],
                                 fax=["+7 495 987 58 41"]))
    result = import_text(RU_UA)
    prepared = importing.prepare(store, result)
    assert set(prepared.from_address_book) == {"recipients[0].address_lines", "recipients[0].fax"}
    assert result.action.recipients[0].fax == ["+7 495 987 58 41"]
    assert prepared.target is None
    assert prepared.suggested and all(p in result.fields for p in prepared.suggested)
    assert all(".localized.ru." in p or p.endswith(".names.ru") for p in prepared.suggested)
    assert "recipients[0].localized.ru.title" in prepared.suggested
