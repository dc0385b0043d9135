"""The field table declares each field once; verdicts are tied to their problem codes."""

from __future__ import annotations

from checks import fields as F
from checks.problems import Code, Verdict


def test_person_fields_are_the_declared_ones() -> None:
    assert set(F.PERSON_FIELDS) == {"people", "visitor", "hosts", "signatories"}


def test_every_field_type_has_a_reader_and_a_schema() -> None:
    from checks.loader import _CONVERTERS
    from checks.schema import _field

    assert set(_CONVERTERS) == set(F.FieldType)
    for spec in F.FIELDS:
        assert _field(spec)["description"] == spec.description


def test_registers_and_details_come_from_the_table() -> None:
    assert [s.name for s in F.columns("visit")] == ["visitor", "from_country", "place",
                                                    "hosts", "status"]
    assert [s.name for s in F.columns("agreement")] == ["name", "agreement_type", "parties",
                                                        "signatories", "status"]
    assert [s.label for s in F.labelled("event")] == ["Type", "Place", "Parties", "People named"]


def test_each_failing_verdict_names_its_code() -> None:
    assert Verdict.FOUND.code is None and Verdict.FOUND.ok
    codes = {v.code for v in Verdict if v is not Verdict.FOUND}
    assert None not in codes and len(codes) == len(Verdict) - 1
    assert {Code.QUOTE_NOT_FOUND, Code.QUOTE_EXCLUDED, Code.QUOTE_TOO_SHORT,
            Code.QUOTE_PARTIAL_WORD, Code.QUOTE_CUTS_NUMBER, Code.UNKNOWN_SOURCE, Code.SOURCE_UNUSABLE} == codes
