#!/bin/sh
# make install and make uninstall into a temporary DESTDIR: the file list,
# the installed binary and man page work, and nothing is left behind.
. "$(dirname "$0")/lib.sh"

dest=$T/dest
mk() { make -s -C "$TOP" "$@" DESTDIR="$dest" PREFIX=/usr/local \
    BASHCOMPDIR=/usr/local/share/bash-completion/completions \
    FISHCOMPDIR=/usr/local/share/fish/vendor_completions.d; }

ok "make install succeeds" mk install
(cd "$dest" && find . -type f | sort) >"$T/files"
{
	echo ./usr/local/bin/prehab
	for p in "$TOP"/man/*.1; do echo "./usr/local/share/man/man1/${p##*/}"; done
	for p in "$TOP"/man/*.5; do echo "./usr/local/share/man/man5/${p##*/}"; done
	echo ./usr/local/share/bash-completion/completions/prehab
	echo ./usr/local/share/doc/prehab/config.ini.example
	echo ./usr/local/share/fish/vendor_completions.d/prehab.fish
	echo ./usr/local/share/zsh/site-functions/_prehab
} | sort >"$T/want"
same_file "installed file list" "$T/want" "$T/files"
check "installed binary runs" 0 "~^prehab [0-9]" "" -- \
    "$dest/usr/local/bin/prehab" --version
ok "installed binary is mode 755" sh -c \
    "[ \"\$(stat -c %a '$dest/usr/local/bin/prehab')\" = 755 ]"
if command -v man >/dev/null 2>&1; then
	check "man -l renders an installed page" 0 "~PREHAB-PLAN\(1\)" "" \
	    -- env MANPAGER=cat MANWIDTH=80 man -l \
	    "$dest/usr/local/share/man/man1/prehab-plan.1"
else
	skip "man -l renders an installed page" "man is not installed"
fi
ok "make uninstall succeeds" mk uninstall
check "nothing is left behind" 0 "" "" -- find "$dest" -type f
check "no empty prehab directory is left" 0 "" "" -- \
    find "$dest" -name prehab -type d

done_testing
