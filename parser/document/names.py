"""What an agency's name is made of: the one definition of a city before a district.

Reading a report's agency (document/meta: the full name its opening writes) and
grouping reports by agency across years (rules/context: 淮安市洪泽区 = 洪泽区) must
agree on where a city's name ends, or one stage would add a city the other does not
recognise.
"""

from __future__ import annotations

import re

# A prefecture-level name: 淮安市, 延边朝鲜族自治州, 锡林郭勒盟, 大兴安岭地区.
CITY_PATTERN = r"[\u4e00-\u9fff]{2,7}?(?:市|州|盟|地区)"
_CITY = re.compile(f"^{CITY_PATTERN}$")


def is_city(text: str) -> bool:
    """``text`` is a city's name alone (a province before it makes it no city prefix:
    a name with its province is left whole)."""
    return _CITY.match(text) is not None and "省" not in text and "自治区" not in text
