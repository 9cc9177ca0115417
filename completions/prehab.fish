# fish completion for prehab(1).
# The candidates come from the program itself (`prehab help --complete`),
# so commands, options and exercise names never drift from the code.

function __prehab_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l done
    if test (count $tokens) -gt 1
        set done $tokens[2..-1]
    end
    set -l out ($tokens[1] help --complete -- $done "$cur" 2>/dev/null)
    if test "$out" = "@file"
        __fish_complete_path "$cur"
        return
    end
    printf '%s\n' $out
end

complete -c prehab -f -a '(__prehab_complete)'
