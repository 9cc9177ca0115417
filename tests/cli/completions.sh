#!/bin/sh
# The shell completions, run in real bash, zsh and fish. They ask the
# binary for candidates, so these tests also pin `prehab help --complete`.
. "$(dirname "$0")/lib.sh"

comp=$TOP/completions
mkdir -p "$T/bin"
ln -s "$PREHAB" "$T/bin/prehab"
PATH=$T/bin:$PATH
export PATH

lines() { printf '%s\n' "$@"; }

# The engine itself.
check "complete commands" 0 "$(lines help)" "" -- \
    prehab help --complete -- he
check "complete all commands" 0 "$(lines plan log go stats show help)" "" -- \
    prehab help --complete -- ""
check "complete exercise operand" 0 "clamshell" "" -- \
    prehab help --complete -- show cl
check "complete go's exercises" 0 "step-down" "" -- \
    prehab help --complete -- go step
check "complete go's options" 0 "--plain" "" -- \
    prehab help --complete -- go --pl
check "complete option names" 0 "--format" "" -- \
    prehab help --complete -- show --fo
check "complete option value after a space" 0 "$(lines text tsv csv json)" "" -- \
    prehab help --complete -- show --format ""
check "complete option value after =" 0 "$(lines --format=text --format=tsv)" \
    "" -- prehab help --complete -- show --format=t
check "complete file values" 0 "@file" "" -- \
    prehab help --complete -- --config ""
check "complete date words" 0 \
    "$(lines today tomorrow tuesday thursday this-month this-year)" "" -- \
    prehab help --complete -- --today t
check "unknown command completes nothing" 0 "" "" -- \
    prehab help --complete -- nosuch ""
cat >"$T/own.ini" <<'W'
[exercise.side-plank]
per_side = yes
W
check "the user's own exercises complete" 0 "side-plank" "" -- \
    env PREHAB_CONFIG="$T/own.ini" "$PREHAB" help --complete -- show sid

# bash, loading the script and calling its function.
if command -v bash >/dev/null 2>&1; then
	bash_complete() {
		bash -c '. "$1"; shift; COMP_WORDS=("$@");
		    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _prehab;
		    printf "%s\n" "${COMPREPLY[@]}"' bash "$comp/prehab.bash" "$@"
	}
	check "bash: prehab sh<TAB>" 0 "show" "" -- bash_complete prehab sh
	check "bash: prehab pl<TAB>" 0 "plan" "" -- bash_complete prehab pl
	check "bash: prehab log cl<TAB>" 0 "clamshell" "" -- \
	    bash_complete prehab log cl
	check "bash: prehab log clam --variant <TAB>" 0 \
	    "$(lines bodyweight band heavy-band)" "" -- \
	    bash_complete prehab log clam --variant ""
	check "bash: prehab stats --by <TAB>" 0 "*" "" -- \
	    bash_complete prehab stats --by ""
	check "bash: prehab plan --format <TAB>" 0 "~^ics$" "" -- \
	    bash_complete prehab plan --format ""
	check "bash: prehab show cl<TAB>" 0 "clamshell" "" -- \
	    bash_complete prehab show cl
	check "bash: --format=<TAB> splits at =" 0 "$(lines text tsv csv json)" "" -- \
	    bash_complete prehab show --format = ""
	check "bash: --format=t<TAB>" 0 "$(lines text tsv)" "" -- \
	    bash_complete prehab show --format = t
	check "bash: files for --data" 0 "$T/own.ini" "" -- \
	    bash_complete prehab --data "$T/own"
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		ok "bash: loads beside bash-completion" bash -c \
		    '. /usr/share/bash-completion/bash_completion; . "$1";
		    complete -p prehab | grep -q _prehab' bash "$comp/prehab.bash"
	else
		skip "bash: loads beside bash-completion" "bash-completion missing"
	fi
else
	skip "bash completion" "bash is not installed"
fi

# zsh: compinit loads it, and the function runs in real zsh with the
# completion builtins (which only work inside the line editor) replaced by
# functions that print what they are given.
if command -v zsh >/dev/null 2>&1; then
	ok "zsh: script parses" zsh -n "$comp/_prehab"
	ok "zsh: compinit finds _prehab" zsh -f -c 'fpath=($1 $fpath);
	    autoload -Uz compinit; compinit -u -d "$2/zcompdump";
	    [[ $_comps[prehab] == _prehab ]]' zsh "$comp" "$T"
	cat >"$T/zrun.zsh" <<'W'
fpath=($1 $fpath)
autoload -Uz _prehab
compadd() { print -rl -- "${cands[@]}"; }
compset() { :; }
_files() { print -r -- "(files)"; }
words=("${(@)argv[2,-1]}")
CURRENT=${#words}
_prehab
W
	zsh_complete() { zsh -f "$T/zrun.zsh" "$comp" "$@"; }
	check "zsh: prehab sh<TAB>" 0 "show" "" -- zsh_complete prehab sh
	check "zsh: prehab pl<TAB>" 0 "plan" "" -- zsh_complete prehab pl
	check "zsh: prehab log cl<TAB>" 0 "clamshell" "" -- \
	    zsh_complete prehab log cl
	check "zsh: prehab show cl<TAB>" 0 "clamshell" "" -- \
	    zsh_complete prehab show cl
	check "zsh: --format=t<TAB>" 0 "$(lines text tsv)" "" -- \
	    zsh_complete prehab show --format=t
	check "zsh: files for --config" 0 "(files)" "" -- \
	    zsh_complete prehab --config ""
else
	skip "zsh completion" "zsh is not installed"
fi

# fish, through its own `complete -C`.
if command -v fish >/dev/null 2>&1; then
	fish_complete() {
		fish --no-config -c "source $comp/prehab.fish; complete -C '$1'"
	}
	check "fish: prehab show cl<TAB>" 0 "clamshell" "" -- \
	    fish_complete "prehab show cl"
	check "fish: prehab sh<TAB>" 0 "show" "" -- fish_complete "prehab sh"
	check "fish: prehab pl<TAB>" 0 "plan" "" -- fish_complete "prehab pl"
	check "fish: prehab log cl<TAB>" 0 "clamshell" "" -- \
	    fish_complete "prehab log cl"
	check "fish: prehab plan <TAB>" 0 "~^next$" "" -- \
	    fish_complete "prehab plan "
	check "fish: --format=<TAB>" 0 \
	    "$(lines --format=csv --format=json --format=text --format=tsv)" "" -- \
	    fish_complete "prehab show --format="
	ok "fish: files for --data" sh -c \
	    "fish --no-config -c \"source $comp/prehab.fish; complete -C 'prehab --data $T/ow'\" | grep -q own.ini"
else
	skip "fish completion" "fish is not installed"
fi

done_testing
