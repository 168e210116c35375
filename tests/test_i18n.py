"""nianbao.parser.i18n: the current language, lookups, lazy strings, choosing a language."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from nianbao.parser import i18n
from nianbao.parser.i18n import (
    L_,
    N_,
    _,
    choose_language,
    language,
    ngettext,
    save_language,
    saved_language,
    set_language,
    using_language,
)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def test_english_is_the_message_id_and_chinese_comes_from_the_catalog() -> None:
    assert language() == "en"
    assert _("Quit") == "Quit"
    set_language("zh")
    assert language() == "zh"
    assert _("Quit") == "退出"
    # Not in the catalog: shown as written rather than lost.
    assert _("no such message") == "no such message"


def test_plural_forms_follow_the_catalog() -> None:
    # argparse's catalog holds a plural; Chinese has one form for every count.
    catalog = i18n.translations("zh", "argparse")
    one = catalog.ngettext("expected %s argument", "expected %s arguments", 1)
    assert one == catalog.ngettext("expected %s argument", "expected %s arguments", 3)
    assert "参数" in one
    assert ngettext("{n} file", "{n} files", 1) == "{n} file"
    assert ngettext("{n} file", "{n} files", 2) == "{n} files"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        set_language("fr")
    assert language() == "en"


def test_using_language_restores_the_previous_one() -> None:
    set_language("zh")
    with using_language("en"):
        assert _("Quit") == "Quit"
    assert _("Quit") == "退出"


def test_lazy_string_translates_when_rendered() -> None:
    title = L_("Keys")
    assert str(title) == "Keys"
    set_language("zh")
    assert str(title) == "按键"
    assert f"[{title}]" == "[按键]"
    assert f"{title:>4}" == "  按键"
    assert title + "：" == "按键："
    assert "（" + title == "（按键"
    assert L_("Language: {name}").format(name="中文") == "语言：中文"
    assert title.__rich__() == "按键"
    assert title == L_("Keys") and hash(title) == hash(L_("Keys"))
    assert title != L_("Quit")
    assert repr(title) == "L_('Keys')"


def test_marker_returns_the_english() -> None:
    assert N_("Quit") == "Quit"
    set_language("zh")
    assert N_("Quit") == "Quit"


# ---------------------------------------------------------------- choosing

NOWHERE = Path("/nonexistent/nianbao/settings.json")


@pytest.mark.parametrize(("cli", "env", "expected"), [
    ("zh", {"NIANBAO_LANG": "en", "LANG": "en_US.UTF-8"}, "zh"),
    ("en", {"NIANBAO_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, {"NIANBAO_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {"NIANBAO_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {"NIANBAO_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, {"NIANBAO_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
    (None, {"LANG": "en_GB.UTF-8"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {"LANGUAGE": "", "LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {}, "en"),
])
def test_choose_language_order(cli: str | None, env: dict[str, str], expected: str) -> None:
    assert choose_language(cli, env, settings=NOWHERE) == expected


def test_unknown_cli_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="fr"):
        choose_language("fr", {}, settings=NOWHERE)


def test_saved_setting_comes_after_the_variable_and_before_the_locale(tmp_path: Path) -> None:
    settings = tmp_path / "nianbao" / "settings.json"
    assert saved_language(settings) is None
    assert save_language("zh", settings) == settings
    assert saved_language(settings) == "zh"
    assert choose_language(None, {"LANG": "en_US.UTF-8"}, settings=settings) == "zh"
    assert choose_language(None, {"NIANBAO_LANG": "en"}, settings=settings) == "en"
    assert choose_language("en", {}, settings=settings) == "en"


def test_saving_keeps_other_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"theme": "nord", "language": "zh"}), encoding="utf-8")
    save_language("en", settings)
    assert json.loads(settings.read_text(encoding="utf-8")) == {"theme": "nord",
                                                                  "language": "en"}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary left


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"language": 3}',
                                     '{"language": "fr"}', "\udcff"])
def test_unreadable_setting_is_passed_over(tmp_path: Path, content: str) -> None:
    settings = tmp_path / "settings.json"
    settings.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert saved_language(settings) is None
    assert choose_language(None, {"LANG": "zh_CN.UTF-8"}, settings=settings) == "zh"


def test_settings_file_lives_in_the_user_config_folder(tmp_path: Path) -> None:
    assert i18n.settings_file({"NIANBAO_CONFIG_DIR": str(tmp_path)}) == tmp_path / "settings.json"
    import platformdirs

    default = i18n.settings_file({})
    assert default == platformdirs.user_config_path("nianbao", appauthor=False) / "settings.json"


def test_choose_language_reads_the_default_settings_file(tmp_path: Path) -> None:
    env = {"NIANBAO_CONFIG_DIR": str(tmp_path), "LANG": "en_US.UTF-8"}
    assert choose_language(None, env) == "en"
    save_language("zh", tmp_path / "settings.json")
    assert choose_language(None, env) == "zh"


# ---------------------------------------------------------------- processes

def _quit() -> str:
    return _("Quit")


def _quit_in(lang: str) -> str:
    """What a worker does with the language it is given in its job options."""
    set_language(lang)
    return _("Quit")


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_worker_processes_take_the_language_as_a_plain_string(method: str) -> None:
    set_language("zh")  # the parent's language does not travel by itself
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(_quit).result() == "Quit"
        assert pool.submit(_quit_in, language()).result() == "退出"
        assert pool.submit(_quit_in, "en").result() == "Quit"


def test_import_loads_only_gettext() -> None:
    code = ("import sys; before = set(sys.modules); import nianbao.parser.i18n; "
            "print(sorted(m for m in set(sys.modules) - before "
            "if not m.startswith('nianbao')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(eval(out))  # noqa: S307 - our own subprocess's printed list
    assert "gettext" in loaded or "gettext" in sys.modules
    assert not loaded & {"platformdirs", "json", "babel", "textual", "rich"}, loaded
