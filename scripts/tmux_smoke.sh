#!/usr/bin/env bash
# The TUI in a real terminal: run `nianbao sample_reports/` inside tmux at 120x40 and
# 80x24, check that the screen shows the picker, a table with its 自然人 … 总计 headers
# and the findings, and that ctrl+q quits with status 0.
#
#   scripts/tmux_smoke.sh            # uses `nianbao` from PATH
#   NIANBAO=".venv/bin/nianbao" scripts/tmux_smoke.sh
#
# Needs tmux (apt-get install -y tmux); without it this fails, it does not skip.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux_smoke: tmux is not installed (apt-get install -y tmux)" >&2
    exit 2
fi
NIANBAO=${NIANBAO:-nianbao}
SOCKET="nianbao-smoke-$$"
TIMEOUT=${TIMEOUT:-20}
FAILED=0

tmux_() { tmux -L "$SOCKET" "$@"; }
cleanup() { tmux_ kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

screen() { tmux_ capture-pane -p -t "$1"; }

# wait_for SESSION TEXT...: until every TEXT is on the screen, or fail after $TIMEOUT s.
wait_for() {
    local session=$1; shift
    local deadline=$((SECONDS + TIMEOUT)) text missing
    while :; do
        missing=""
        local shown
        shown=$(screen "$session")
        for text in "$@"; do
            grep -qF -- "$text" <<<"$shown" || missing="$missing [$text]"
        done
        [ -z "$missing" ] && return 0
        if [ $SECONDS -ge $deadline ]; then
            echo "tmux_smoke: $session: not on screen after ${TIMEOUT}s:$missing" >&2
            echo "----- screen -----" >&2
            echo "$shown" >&2
            echo "------------------" >&2
            FAILED=1
            return 1
        fi
        sleep 0.2
    done
}

for size in 120x40 80x24; do
    width=${size%x*}
    height=${size#*x}
    session="smoke-$size"
    tmux_ new-session -d -s "$session" -x "$width" -y "$height" \
        "TERM=xterm-256color $NIANBAO sample_reports/; echo \"nianbao exited with \$?\"; sleep 60"
    # The picker lists the reports with their badges, and the first report is open.
    wait_for "$session" "sample_reports/" "000_7e335010be635ecf.txt" "004_4c4c59ed5f5017a7.txt" \
        "Findings" "Source" || continue
    # enter opens the report under the cursor; its table 3 has the applicant columns.
    tmux_ send-keys -t "$session" Enter
    wait_for "$session" "表3" "自然人" "商业企业" "总计" "Findings" "V001" || continue
    tmux_ send-keys -t "$session" C-q
    wait_for "$session" "nianbao exited with 0" || continue
    echo "tmux_smoke: $size ok"
done

exit $FAILED
