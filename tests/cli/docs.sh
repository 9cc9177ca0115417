#!/bin/sh
# The documentation: man pages are clean under mandoc -Tlint, every command
# has its page, and each page documents exactly the options that the
# command's --help lists (the usage text and the SYNOPSIS cannot drift).
. "$(dirname "$0")/lib.sh"

if command -v mandoc >/dev/null 2>&1; then
	for page in "$TOP"/man/*.[0-9]; do
		check "mandoc -Tlint ${page##*/}" 0 "" "" -- \
		    mandoc -Tlint -W warning "$page"
	done
else
	skip "mandoc -Tlint" "mandoc is not installed"
fi

# man(1) renders each page at 80 columns without a troff warning.
if command -v man >/dev/null 2>&1; then
	for page in "$TOP"/man/*.[0-9]; do
		check "man -l ${page##*/} renders cleanly" 0 "*" "" -- \
		    env MANPAGER=cat MANWIDTH=80 man -l "$page"
	done
else
	skip "man -l renders the pages" "man is not installed"
fi

globals='--config --data --today --color --help --version'
not_global() {
	for _g in $globals; do
		[ "$1" = "$_g" ] && return 1
	done
	return 0
}
# Long options named in a text, globals left out, one per line, sorted.
options_in() {
	grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
		not_global "$o" && echo "$o"
	done
}
man_options() {
	grep -o 'Fl \\-[a-z][a-z-]*' "$1" | sed 's/^Fl \\-/--/' | sort -u |
	    while read -r o; do not_global "$o" && echo "$o"; done
}

for cmd in $(prehab help --commands); do
	page=$TOP/man/prehab-$cmd.1
	if [ ! -f "$page" ]; then
		_t_result 0 "prehab-$cmd.1 exists" "no $page"
		continue
	fi
	_t_result 1 "prehab-$cmd.1 exists"
	{
		prehab "$cmd" --help
		[ "$cmd" = show ] && prehab show log --help
	} | options_in >"$T/help.$cmd"
	man_options "$page" >"$T/man.$cmd"
	if cmp -s "$T/help.$cmd" "$T/man.$cmd"; then
		_t_result 1 "$cmd: --help and man page list the same options"
	else
		_t_result 0 "$cmd: --help and man page list the same options" \
		    "$(diff "$T/help.$cmd" "$T/man.$cmd")"
	fi
	# Every option of the usage line is in the SYNOPSIS.
	prehab "$cmd" --help | sed -n 1p | options_in >"$T/usage.$cmd"
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$page" >"$T/syn.$cmd"
	man_options "$T/syn.$cmd" >"$T/mansyn.$cmd"
	if [ -z "$(comm -23 "$T/usage.$cmd" "$T/mansyn.$cmd")" ]; then
		_t_result 1 "$cmd: usage options are in the SYNOPSIS"
	else
		_t_result 0 "$cmd: usage options are in the SYNOPSIS" \
		    "missing: $(comm -23 "$T/usage.$cmd" "$T/mansyn.$cmd")"
	fi
done

for page in prehab.1 prehab.ini.5 prehab-log.5; do
	if [ -f "$TOP/man/$page" ]; then
		_t_result 1 "$page exists"
	else
		_t_result 0 "$page exists"
	fi
done
# Every page has the sections people look for.
for page in "$TOP"/man/*.1; do
	miss=
	for s in SYNOPSIS DESCRIPTION "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -q "^\.Sh $s" "$page" || miss="$miss $s"
	done
	[ -z "$miss" ]
	_t_result $((1 - $?)) "${page##*/} has the usual sections" \
	    "missing:$miss"
done
ok "the medical note is in prehab(1) once" sh -c \
    "[ \$(grep -c 'not medical care' '$TOP/man/prehab.1') -eq 1 ]"

done_testing
