"""Translation of every string a person reads: Chinese and English, gettext catalogs.

The base layer: it imports nothing else of nianbao, so every other module can use it.

Write messages in English and wrap them where they are produced::

    from nianbao.parser.i18n import _, ngettext, N_, L_

    _("the six applicant columns add up to {sum}").format(sum=...)
    ngettext("{n} finding", "{n} findings", n).format(n=n)
    FAMILY = N_("values")          # marked here, translated where shown: _(FAMILY)
    TITLE = L_("Findings")         # a module constant that follows the language

Placeholders are ``{name}`` (str.format) or ``%(name)s``; a translation keeps every
one. The language is chosen once per process with :func:`choose_language` and
:func:`set_language`; see :mod:`nianbao.parser.i18n.catalog` for threads and
worker processes and ``scripts/update_catalogs.py`` for the catalogs.
"""

from nianbao.parser.i18n.catalog import (
    DEFAULT_LANGUAGE,
    L_,
    LANGUAGES,
    N_,
    Language,
    LazyString,
    _,
    as_language,
    gettext,
    labelled_quote,
    language,
    ngettext,
    pgettext,
    quote,
    set_language,
    translations,
    using_language,
)
from nianbao.parser.i18n.choice import (
    choose_language,
    locale_language,
    parse_language,
    save_language,
    saved_language,
    settings_file,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "L_",
    "Language",
    "LazyString",
    "N_",
    "_",
    "as_language",
    "choose_language",
    "gettext",
    "language",
    "labelled_quote",
    "locale_language",
    "ngettext",
    "parse_language",
    "pgettext",
    "quote",
    "save_language",
    "saved_language",
    "set_language",
    "settings_file",
    "translations",
    "using_language",
]
