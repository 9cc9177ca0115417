#!/bin/sh
# The crontab example of prehab-plan(1), run as cron runs it: from a copy
# installed under a PREFIX, with nothing in the environment but cron's
# PATH and a HOME. The installed page must name the installed binary.
. "$(dirname "$0")/lib.sh"

prefix=$T/prefix
mk() { make -s -C "$TOP" "$@" PREFIX="$prefix" \
    BASHCOMPDIR="$prefix/share/bash-completion/completions" \
    FISHCOMPDIR="$prefix/share/fish/vendor_completions.d"; }
page=$prefix/share/man/man1/prehab-plan.1

ok "make install into a PREFIX succeeds" mk install
# The command of the crontab line: the line after its five time fields.
line=$(grep '^0 7 \* \* \* ' "$page" | head -n 1 | cut -d ' ' -f 6-)
check "the installed page names the installed binary" 0 \
    "$prefix/bin/prehab plan today" "" -- printf '%s\n' "$line"
check "the source page names the default prefix" 0 \
    "/usr/local/bin/prehab plan today" "" -- \
    sh -c "grep '^0 7 \\* \\* \\* ' '$TOP/man/prehab-plan.1' | cut -d ' ' -f 6-"

# Today (2026-11-24) a session is due: exit 0 and the session, in ASCII as
# cron's locale is C.
mkdir -p "$T/cronhome"
check "the crontab line works under cron's PATH" 0 \
    "~^Tue 2026-11-24  after easy run +due +15 min$" "" -- \
    env -i PATH=/usr/bin:/bin HOME="$T/cronhome" PREHAB_TODAY=2026-11-24 \
    sh -c "$line"
check "it prints the exercises with an ASCII x" 0 \
    "~^  single-leg-squat  2x10 each side " "" -- \
    env -i PATH=/usr/bin:/bin HOME="$T/cronhome" PREHAB_TODAY=2026-11-24 \
    sh -c "$line"
# Wednesday has no session: silent, exit 1, so cron mails nothing.
check "on a day without a session it is silent" 1 "" "" -- \
    env -i PATH=/usr/bin:/bin HOME="$T/cronhome" PREHAB_TODAY=2026-11-25 \
    sh -c "$line"
check "nothing was written to HOME" 0 "" "" -- find "$T/cronhome" -type f
ok "make uninstall succeeds" mk uninstall

done_testing
