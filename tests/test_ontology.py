"""The CAMEO/PLOVER ontology table: reproducible from the references, complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from script_support import load_script

from eventwire.events import ontology
from eventwire.events.ontology import (
    PLOVER_TYPES,
    all_codes,
    cameo_info,
    canonical_plover,
    default_cameo_for_plover,
    goldstein,
    intent_code,
    plover_for,
    quad_class,
    refusal_code,
    threat_code,
)


def _build_tool() -> ModuleType:
    return load_script("tools/build_ontology.py")


# ------------------------------------------------------------------ against the shared references
@pytest.mark.shared
def test_regenerating_from_the_references_gives_the_committed_table(shared: Path) -> None:
    tool = _build_tool()
    regenerated = tool.render_tsv(tool.build_rows(shared / "ref"))
    assert regenerated == ontology.CODES_FILE.read_text(encoding="utf-8"), (
        "cameo_codes.tsv is stale: run .venv/bin/python tools/build_ontology.py"
    )


@pytest.mark.shared
def test_every_gdelt_code_is_present_with_gdelt_goldstein(shared: Path) -> None:
    lines = (shared / "ref" / "cameo_goldstein_gdelt.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) > 300
    for line in lines:
        code, score = line.split("\t")
        assert goldstein(code) == float(score), code


@pytest.mark.shared
def test_plover_type_mode_context_follow_the_cameo2plover_table(shared: Path) -> None:
    text = (shared / "ref" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    seen = 0
    for match in re.finditer(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),([^#]*)#", text, flags=re.M):
        code, ptype, mode, context = match.groups()
        info = cameo_info(code)
        assert info.plover_type == ptype, code
        assert list(info.plover_mode) == [m.strip() for m in mode.split(";") if m.strip()], code
        assert list(info.plover_context) == [c.strip() for c in context.split(";") if c.strip()], code
        seen += 1
    assert seen > 250


# ------------------------------------------------------------------ the committed table on its own
def test_table_is_complete_and_consistent() -> None:
    codes = {c.code: c for c in all_codes()}
    assert len(codes) >= 300
    assert {f"{r:02d}" for r in range(1, 21)} <= set(codes)
    for code, info in codes.items():
        assert re.fullmatch(r"\d{2,4}", code), code
        assert info.root == code[:2]
        assert code == info.root or code[:-1] in codes or code[:3] in codes, f"{code} has no parent"
        assert info.name.strip() and "  " not in info.name, code
        assert -10.0 <= info.goldstein <= 10.0
        assert info.plover_type is None or info.plover_type in PLOVER_TYPES, code
        # PLOVER dropped statements (01) and appeals (02): only they lack a type
        assert (info.plover_type is None) == (info.root in ("01", "02")), code


@pytest.mark.parametrize(
    ("root", "quad"), [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)]
)
def test_quad_class_follows_gdelt_root_bands(root: str, quad: int) -> None:
    for info in all_codes():
        if info.root == root:
            assert info.quad_class == quad, info.code


def test_known_values() -> None:
    assert goldstein("190") == -10.0
    assert goldstein("010") == 0.0
    assert quad_class("042") == 1
    assert quad_class("0874") == 2
    assert quad_class("112") == 3
    assert quad_class("173") == 4
    assert cameo_info("163").plover_type == "COERCE"  # the PLOVER table puts embargoes under COERCE
    assert cameo_info("1712").plover_type == "ASSAULT"
    assert cameo_info("0813").plover_type == "RETREAT"
    assert cameo_info("0211").name == "Appeal for economic cooperation"
    assert cameo_info("19").name == "Fight"
    plover = plover_for("1121")
    assert plover is not None and plover.type == "ACCUSE" and plover.context == ["crime", "corruption"]
    assert plover_for("010") is None


def test_every_plover_type_has_codes_and_a_fitting_default() -> None:
    assert len(PLOVER_TYPES) == 16
    typed = {c.plover_type for c in all_codes()}
    assert set(PLOVER_TYPES) <= typed
    for ptype in PLOVER_TYPES:
        assert cameo_info(default_cameo_for_plover(ptype)).plover_type == ptype


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("YIELD", "CONCEDE"),
        ("yield", "CONCEDE"),
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("ASSAULT", "ASSAULT"),
    ],
)
def test_aliases_map_to_the_16_types(alias: str, canonical: str) -> None:
    assert canonical_plover(alias) == canonical
    assert cameo_info(default_cameo_for_plover(alias)).plover_type == canonical


def test_unknown_codes_and_types_are_refused_with_a_hint() -> None:
    with pytest.raises(KeyError, match="leading zeros"):
        cameo_info("42")
    with pytest.raises(KeyError, match="unknown PLOVER type"):
        default_cameo_for_plover("HUG")
    with pytest.raises(KeyError):
        canonical_plover("HUG")


def test_refusal_and_intent_codes_mirror_the_cooperative_codes() -> None:
    assert refusal_code("0841") == "1243"
    assert refusal_code("042") == "125"
    assert refusal_code("0312") == "1212"
    assert refusal_code("190") is None
    assert intent_code("0841") == "0353"
    assert intent_code("046") == "036"
    assert intent_code("0874") == "0356"
    assert intent_code("173") is None
    assert threat_code("163") == "1312"
    assert threat_code("1723") == "1323"
    assert threat_code("195") == "1384"
    assert threat_code("042") is None
    for info in all_codes():
        refused, intended, threatened = (
            refusal_code(info.code),
            intent_code(info.code),
            threat_code(info.code),
        )
        assert refused is None or cameo_info(refused).root == "12", info.code
        assert intended is None or cameo_info(intended).root == "03", info.code
        assert threatened is None or cameo_info(threatened).root == "13", info.code
        # each mirror turns cooperation into refusal/intent, and conflict into threat, never both
        assert intended is None or threatened is None, info.code
