"""Traditional characters of the template's words → simplified, one for one.

Some agencies, and some web pages' "繁體版", print headings and labels in
traditional characters (``一、總體情況``). Matching runs on simplified text, so the
traditional forms of the characters that the template's headings, table labels and
the metadata's words use are mapped to their simplified forms. Only characters
that simplified text never uses are listed (``後`` but not ``乾`` or ``著``), so a
simplified report is never changed; each maps to one character, so offsets keep.
"""

from __future__ import annotations

_PAIRS = (
    "萬万 與与 業业 舉举 於于 會会 體体 況况 減减 決决 辦办 務务 動动 區区 單单 發发 後后 國国 處处 "
    "復复 複复 審审 對对 屬属 當当 廢废 開开 強强 總总 執执 報报 護护 數数 無无 機机 權权 構构 沒没 "
    "現现 確确 穩稳 類类 糾纠 納纳 組组 織织 經经 結结 繼继 續续 維维 繳缴 罰罚 獲获 規规 計计 認认 "
    "議议 許许 訟讼 訪访 訴诉 詢询 請请 購购 費费 轉转 過过 這这 進进 採采 問问 項项 題题 額额 關关 "
    "範范 製制 為为 應应 條条 個个 們们 來来 時时 間间 說说 還还 將将 縣县 鄉乡 鎮镇 從从 資资 訊讯 "
    "網网 統统 號号 廳厅 員员 實实 驗验 導导 領领 點点 財财 預预 衛卫 醫医 環环 設设 級级 義义 據据 "
    "證证 準准 備备 價价 電电 話话 郵邮 編编 門门 頁页 標标 佈布 見见 責责 長长 產产 華华 協协 黨党 "
    "濟济 書书 記记 態态 達达 層层 漢汉 廣广 東东 歸归 陽阳 慶庆 遼辽 寧宁 龍龙 蘇苏 贛赣 魯鲁 "
    "豐丰 灣湾 島岛 陝陕 紀纪 幹干 劃划 專专 門门 盡尽 雲云 臺台 廈厦 顯显 屆届 權权 勞劳 傳传 "
    "約约 頒颁 佈布 補补 雜杂 廳厅 監监 聯联 績绩 執执 奪夺 罷罢 籌筹 參参 與与"
)

TRADITIONAL: dict[int, int] = {
    ord(pair[0]): ord(pair[1]) for pair in _PAIRS.split() if pair[0] != pair[1]
}
