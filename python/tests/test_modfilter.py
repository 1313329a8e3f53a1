"""The Python module, through its public API, as a Python back end uses it."""

import json
import pathlib
import subprocess
import threading

import pytest

import modfilter


def test_a_threat_is_rejected_with_its_rule_category_spans_and_excerpt(small_engine):
    v = small_engine.screen("I will kill you")
    assert v.verdict == "reject"
    [r] = v.reasons
    assert (r.rule, r.category, r.action) == ("threat.kill-you", "threat", "reject")
    assert r.subcategory is None
    assert r.reason == "Threat of violence"
    assert r.spans == [(7, 15)]
    assert r.excerpt == "kill you"
    assert v.ruleset == small_engine.ruleset


def test_a_clean_comment_is_approved_without_reasons(small_engine):
    v = small_engine.screen("What a lovely morning.")
    assert v.verdict == "approve"
    assert v.reasons == []


def test_spans_are_utf8_bytes_and_char_spans_index_the_str(small_engine):
    text = "\u00e9t\u00e9 \u2014 darn"
    [r] = small_engine.screen(text).reasons
    begin, end = r.char_spans[0]
    assert text[begin:end] == "darn"
    b_begin, b_end = r.spans[0]
    assert text.encode()[b_begin:b_end] == b"darn"
    assert b_begin > begin


def test_bytes_are_screened_like_str(small_engine):
    assert small_engine.screen(b"I will kill you").verdict == "reject"
    with pytest.raises(TypeError, match="str or bytes"):
        small_engine.screen(42)


def test_to_dict_is_exactly_what_scan_writes(small_engine, source_dir, modfilter_binary):
    comments = source_dir / "tests/data/cli/comments.jsonl"
    scanned = subprocess.run(
        [modfilter_binary, "scan", "--rules", str(source_dir / "tests/data/cli/rules.yaml"),
         str(comments)], capture_output=True, text=True)
    checked = 0
    for line in scanned.stdout.splitlines():
        record = json.loads(line)
        if "verdict" not in record:
            continue
        expected = {k: record[k] for k in ("verdict", "reasons", "ruleset")}
        assert small_engine.screen(record["text"]).to_dict() == expected
        checked += 1
    assert checked >= 3


def test_to_json_is_the_engine_json_writer_output(small_engine):
    v = small_engine.screen('he said "darn"\n')
    assert json.loads(v.to_json()) == v.to_dict()
    # The writer's compact form, byte for byte as scan writes it.
    assert '"spans":[[9,13]],"excerpt":"darn"}' in v.to_json()


def test_screen_many_keeps_the_input_order_on_every_thread_count(default_engine):
    texts = ["I will kill you", "nice photo", "fuck this", "visit http://spam.example now"] * 50
    one = [v.to_dict() for v in default_engine.screen_many(texts, threads=1)]
    for threads in (0, 2, 3):
        many = default_engine.screen_many(texts, threads=threads)
        assert [v.to_dict() for v in many] == one
        assert [v.text for v in many] == texts
    assert one == [default_engine.screen(t).to_dict() for t in texts]


def test_screen_many_accepts_any_iterable_and_an_empty_one(small_engine):
    assert small_engine.screen_many([]) == []
    verdicts = small_engine.screen_many(t for t in ["darn", "fine"])
    assert [v.verdict for v in verdicts] == ["review", "approve"]


def test_screen_many_releases_the_gil(default_engine):
    texts = ["a perfectly ordinary comment about the weather today"] * 20000
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    before = len(ticks)
    default_engine.screen_many(texts, threads=1)
    during = len(ticks) - before
    stop.set()
    t.join()
    assert during > 5


def test_redact_masks_profanity_and_keeps_the_rest(default_engine):
    assert default_engine.redact("what the fuck") == "what the f***"
    assert default_engine.redact(b"what the fuck") == b"what the f***"
    assert default_engine.redact("a lovely day") == "a lovely day"
    assert default_engine.redact("I will kill you", categories=["threat"]) != "I will kill you"


def test_lang_names_the_language_of_a_comment(default_engine):
    text = "\u064a\u0627 \u062d\u0645\u0627\u0631"  # "ya himar": "you donkey"
    assert default_engine.screen(text, lang="ar").verdict != "approve"
    assert default_engine.screen(text, lang="en").verdict == "approve"


@pytest.mark.parametrize("name", ["bad_regex.yaml", "duplicate_id.yaml", "bad_yaml.yaml"])
def test_a_bad_rule_file_raises_rule_error_with_its_place(source_dir, name):
    path = source_dir / "tests/data/bad_rules" / name
    with pytest.raises(modfilter.RuleError) as caught:
        modfilter.Engine.load(path)
    e = caught.value
    assert e.file.endswith(name)
    assert e.line > 0
    assert e.errors and e.errors[0]["file"] == e.file
    assert e.errors[0]["line"] == e.line and e.errors[0]["column"] == e.column
    assert name in str(e)


def test_rule_error_names_the_rule_and_column(source_dir):
    with pytest.raises(modfilter.RuleError) as caught:
        modfilter.Engine.load(source_dir / "tests/data/bad_rules/bad_regex.yaml")
    e = caught.value
    assert e.rule_id == "promotion.test"
    assert e.column > 0
    assert e.kind == "pattern"


def test_a_missing_path_raises_rule_error_not_a_crash(tmp_path):
    with pytest.raises(modfilter.RuleError) as caught:
        modfilter.Engine.load(tmp_path / "nowhere")
    assert caught.value.kind == "io"


def test_a_compiled_database_loads_and_screens_the_same(tmp_path, source_dir, modfilter_binary,
                                                       small_engine):
    db = tmp_path / "rules.mfdb"
    subprocess.run([modfilter_binary, "compile", str(source_dir / "tests/data/cli/rules.yaml"),
                    "-o", str(db)], check=True, capture_output=True)
    from_db = modfilter.Engine.load(str(db))
    assert from_db.screen("I will kill you").to_dict() == \
        small_engine.screen("I will kill you").to_dict()


def test_a_verdict_outlives_its_engine(source_dir):
    engine = modfilter.Engine.load(source_dir / "tests/data/cli/rules.yaml")
    v = engine.screen("I will kill you")
    del engine
    assert v.reasons[0].rule == "threat.kill-you"


def test_help_explains_the_module():
    assert "Engine.load" in modfilter.__doc__
    assert "screen_many" in modfilter.Engine.screen_many.__doc__
    assert "GIL" in modfilter.Engine.screen.__doc__
    assert "file" in modfilter.RuleError.__doc__


def test_type_hints_sit_beside_the_module():
    stub = pathlib.Path(modfilter.__file__).with_name("modfilter.pyi")
    assert stub.is_file()
    assert "def screen_many" in stub.read_text()
