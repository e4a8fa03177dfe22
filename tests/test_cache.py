"""eventwire.cache: prebuilt data is reused, rebuilt when its sources change, and never fatal
(read-only or unusable cache directory, corrupt cache files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import cache


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(root))
    return root


class Counter:
    def __init__(self) -> None:
        self.builds = 0

    def build(self) -> dict[str, int]:
        self.builds += 1
        return {"built": self.builds}


def test_built_once_then_read_from_disk_and_rebuilt_when_a_source_changes(cache_root: Path, tmp_path: Path) -> None:
    source = tmp_path / "dictionary.yaml"
    source.write_text("entries: [a]\n")
    counter = Counter()
    assert cache.cached("thing", counter.build, [source]) == {"built": 1}
    assert cache.cached("thing", counter.build, [source]) == {"built": 1}  # from disk, not built again
    assert counter.builds == 1 and len(list(cache_root.glob("thing-*.pickle"))) == 1
    source.write_text("entries: [a, b]\n")
    assert cache.cached("thing", counter.build, [source]) == {"built": 2}
    assert len(list(cache_root.glob("thing-*.pickle"))) == 1  # the stale one is gone


def test_a_corrupt_cache_file_is_rebuilt(cache_root: Path) -> None:
    counter = Counter()
    cache.cached("thing", counter.build)
    (path,) = cache_root.glob("thing-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle at all")
    assert cache.cached("thing", counter.build) == {"built": 2}
    assert cache.cached("thing", counter.build) == {"built": 2}  # the rebuilt file replaced it


def test_an_unusable_cache_directory_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    # a directory that cannot be created (works as root too, where permission bits are not enforced)
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    counter = Counter()
    assert cache.cached("thing", counter.build) == {"built": 1}
    assert cache.cached("thing", counter.build) == {"built": 2}
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", "off")
    assert cache.cache_dir() is None and cache.cached("thing", counter.build) == {"built": 3}


def test_the_real_loaders_give_the_same_data_from_the_cache(cache_root: Path) -> None:
    from eventwire.actors import ActorResolver, get_resolver
    from eventwire.actors import _cache as resolvers
    from eventwire.extract import language

    resolvers.clear()
    built = get_resolver()
    resolvers.clear()
    loaded = get_resolver()  # unpickled from the file the first call wrote
    assert loaded is not built and list(cache_root.glob("actors-*.pickle"))
    fresh = ActorResolver(())
    assert [(e.name, e.code) for e in loaded.dictionary.entries] == [(e.name, e.code) for e in fresh.dictionary.entries]
    language._identifier = None
    assert language.detect_language("The president said on Monday that the talks would resume.") == "en"
    assert list(cache_root.glob("langid-*.arrays"))


def test_the_mapped_language_model_answers_as_py3langid_itself() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from eventwire.extract import language

    language._identifier = None
    mapped, plain = language._get(), LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in ("The president said on Monday that the talks would resume.", "Der Präsident sagte am Montag",
                 "Le président a déclaré lundi", "0 : 0", "ΑΘΗΝΑ", ""):
        assert mapped.classify(text) == plain.classify(text)


def test_arrays_are_mapped_back_as_written_and_rebuilt_when_damaged(cache_root: Path) -> None:
    import numpy as np

    builds = []

    def build() -> tuple[dict[str, np.ndarray], dict[str, object]]:
        builds.append(1)
        return {"a": np.arange(10, dtype=np.float16).reshape(2, 5), "b": np.array([3, -1], np.int32)}, {"n": [1]}

    first = cache.cached_arrays("table", build)
    arrays, meta = cache.cached_arrays("table", build)
    assert len(builds) == 1 and meta == {"n": [1]} and not arrays["a"].flags.writeable
    for key in ("a", "b"):
        assert np.array_equal(arrays[key], first[0][key]) and arrays[key].dtype == first[0][key].dtype
    (path,) = cache_root.glob("table-*.arrays")
    path.write_bytes(path.read_bytes()[:100])
    assert np.array_equal(cache.cached_arrays("table", build)[0]["b"], [3, -1]) and len(builds) == 2


def test_a_cached_path_is_made_once_and_none_when_caching_is_off(cache_root: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    made = []

    def build(path: Path) -> None:
        made.append(path)
        path.write_text("optimised")

    first = cache.cached_path("model", ".onnx", build, ["somelib 1.0"])
    assert first is not None and first.read_text() == "optimised" and first.suffix == ".onnx"
    assert cache.cached_path("model", ".onnx", build, ["somelib 1.0"]) == first and len(made) == 1
    assert cache.cached_path("model", ".onnx", build, ["somelib 2.0"]) != first  # another version: another file
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", "off")
    assert cache.cached_path("model", ".onnx", build) is None
