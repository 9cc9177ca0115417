# bash completion for prehab(1).
# The candidates come from the program itself (`prehab help --complete`),
# so commands, options and exercise names never drift from the code.

_prehab()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prefix= i w
	local -a words=()

	# bash splits "--format=tsv" at the '=' (COMP_WORDBREAKS): join it back.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = && ${#words[@]} -gt 0 ]]; then
			words[-1]+="="
			prefix=${words[-1]}
		elif [[ $i -gt 1 && ${COMP_WORDS[i-1]} == = && ${#words[@]} -gt 0 ]]; then
			words[-1]+=$w
		else
			words+=("$w")
			prefix=
		fi
	done
	[[ $COMP_CWORD -ge 1 && ${COMP_WORDS[COMP_CWORD]} == = ]] && cur=
	[[ ${#words[@]} -eq 0 ]] && words=("")
	if [[ -z $prefix && ${words[-1]} == --*=* && $cur != --* ]]; then
		prefix=${words[-1]%%=*}=
	fi

	local IFS=$'\n'
	local out
	out=$("${COMP_WORDS[0]}" help --complete -- "${words[@]}" 2>/dev/null)
	if [[ $out == @file ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
	fi
	COMPREPLY=()
	for w in $out; do
		if [[ -n $prefix ]]; then
			COMPREPLY+=("${w#"$prefix"}")
		else
			COMPREPLY+=("$w")
		fi
	done
	return 0
}
complete -F _prehab prehab
