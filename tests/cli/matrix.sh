#!/bin/sh
# The failure x command matrix: each way the log or its setting can be
# wrong, against every command that reads or writes the log, with the one
# line it must print first on standard error and its exit status, as the
# EXIT STATUS table of prehab(1) gives them. The same failure must give the
# same status from every command (readers and writers may differ only where
# prehab(1) says so: a missing --data file is a new log to a writer).
#
# Failures: dir (the log is a directory), fifo (a FIFO nobody writes: read
# as an empty pipe, refused by writers, never a hang), nodate (a header
# without date), badlast (a malformed last row), locked (another process
# holds the log's lock: readers take none, writers give up after waiting),
# missing (--data names no file), nohome (no HOME, XDG_DATA_HOME or
# --data), badcfg (a config value out of range). In the table, D is the
# case's directory; an empty message means standard error stays empty.
. "$(dirname "$0")/lib.sh"

HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
GOOD="$HDR
2026-11-20,18:00,clamshell,left,1,10,,bodyweight,5,1,,b1"
tab=$(printf '\t')

# setup FAILURE DIR: makes the case's files; prints the options to use.
setup() {
	mkdir -p "$2/home"
	printf '%s\n2026-11-20,18:00,clamshell,both,1,10,,,,1,,b1\n' "$HDR" \
	    >"$2/imp.csv"
	case $1 in
	dir) mkdir "$2/log.csv" ;;
	fifo) mkfifo "$2/log.csv" ;;
	nodate) printf 'time,exercise\n08:00,clamshell\n' >"$2/log.csv" ;;
	badlast) printf '%s\n2026-11-21,18:00,clamshell,left,1,10,,bodyweight,5,12,,b2\n' \
	    "$GOOD" >"$2/log.csv" ;;
	locked | badcfg) printf '%s\n' "$GOOD" >"$2/log.csv" ;;
	esac
	[ "$1" = badcfg ] && printf '[plan]\nsessions_per_week = 9\n' >"$2/c.ini"
	case $1 in
	nohome) ;;
	badcfg) echo "--data $2/log.csv --config $2/c.ini" ;;
	*) echo "--data $2/log.csv" ;;
	esac
}

# run FAILURE N COMMAND: runs case N, leaving its status, stderr and the
# log's bytes before and after in $T/case.N.
run() {
	_d=$T/case.$2
	mkdir -p "$_d"
	_opts=$(setup "$1" "$_d")
	[ -f "$_d/log.csv" ] && cp "$_d/log.csv" "$_d/before"
	if [ "$1" = locked ]; then
		flock "$_d/log.csv" sleep 15 &
		_holder=$!
		# The holder must have the lock before prehab asks for it.
		while flock -n "$_d/log.csv" true 2>/dev/null; do :; done
	fi
	(
		cd "$_d" || exit 2
		if [ "$1" = nohome ]; then
			env -u HOME -u XDG_DATA_HOME -u PREHAB_DATA \
			    timeout 30 "$PREHAB" $3 </dev/null >out 2>err
		else
			HOME=$_d/home timeout 30 "$PREHAB" $_opts $3 \
			    </dev/null >out 2>err
		fi
		echo $? >rc
	)
	[ "$1" = locked ] && kill "$_holder" 2>/dev/null
	:
}

cat >"$T/table" <<EOF_TABLE
dir	show	74	prehab: show: cannot read 'D/log.csv': Is a directory
dir	show clamshell	74	prehab: show: cannot read 'D/log.csv': Is a directory
dir	show log	74	prehab: show log: cannot read 'D/log.csv': Is a directory
dir	show config	0	
dir	plan	74	prehab: plan: cannot read 'D/log.csv': Is a directory
dir	plan --week	74	prehab: plan: cannot read 'D/log.csv': Is a directory
dir	stats	74	prehab: stats: cannot read 'D/log.csv': Is a directory
dir	log clamshell 2x10 --pain 1	74	prehab: log: cannot read 'D/log.csv': Is a directory
dir	log morning --pain 1	74	prehab: log: cannot open 'D/log.csv': Is a directory
dir	log --undo	74	prehab: log: cannot open 'D/log.csv': Is a directory
dir	log --undo --dry-run	74	prehab: log: cannot open 'D/log.csv': Is a directory
dir	log --import imp.csv	74	prehab: log: cannot open 'D/log.csv': Is a directory
fifo	show	0	
fifo	show clamshell	0	
fifo	show log	0	prehab: show log: no entries yet; log one with 'prehab log clamshell 2x10'
fifo	show config	0	
fifo	plan	0	
fifo	plan --week	0	
fifo	stats	0	
fifo	log clamshell 2x10 --pain 1	74	prehab: log: 'D/log.csv' is not a regular file
fifo	log morning --pain 1	74	prehab: log: 'D/log.csv' is not a regular file
fifo	log --undo	74	prehab: log: 'D/log.csv' is not a regular file
fifo	log --undo --dry-run	74	prehab: log: 'D/log.csv' is not a regular file
fifo	log --import imp.csv	74	prehab: log: 'D/log.csv' is not a regular file
nodate	show	65	prehab: show: D/log.csv:1: missing column 'date'
nodate	show clamshell	65	prehab: show: D/log.csv:1: missing column 'date'
nodate	show log	65	prehab: show log: D/log.csv:1: missing column 'date'
nodate	show config	0	
nodate	plan	65	prehab: plan: D/log.csv:1: missing column 'date'
nodate	plan --week	65	prehab: plan: D/log.csv:1: missing column 'date'
nodate	stats	65	prehab: stats: D/log.csv:1: missing column 'date'
nodate	log clamshell 2x10 --pain 1	65	prehab: log: D/log.csv:1: missing column 'date'
nodate	log morning --pain 1	65	prehab: log: D/log.csv:1: missing column 'date'
nodate	log --undo	65	prehab: log: D/log.csv:1: missing column 'date'
nodate	log --undo --dry-run	65	prehab: log: D/log.csv:1: missing column 'date'
nodate	log --import imp.csv	65	prehab: log: D/log.csv:1: missing column 'date'
badlast	show	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	show clamshell	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	show log	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	show config	0	
badlast	plan	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	plan --week	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	stats	65	prehab: D/log.csv:3: column 'pain': must be 0-10, got '12'
badlast	log clamshell 2x10 --pain 1	0	
badlast	log morning --pain 1	0	
badlast	log --undo	65	prehab: log: D/log.csv:3: the last row is malformed; nothing undone
badlast	log --undo --dry-run	65	prehab: log: D/log.csv:3: the last row is malformed; nothing undone
badlast	log --import imp.csv	0	
locked	show	0	
locked	show clamshell	0	
locked	show log	0	
locked	show config	0	
locked	plan	0	
locked	plan --week	0	
locked	stats	0	
locked	log clamshell 2x10 --pain 1	75	prehab: log: log is locked by another process: 'D/log.csv'
locked	log morning --pain 1	75	prehab: log: log is locked by another process: 'D/log.csv'
locked	log --undo	75	prehab: log: log is locked by another process: 'D/log.csv'
locked	log --undo --dry-run	75	prehab: log: log is locked by another process: 'D/log.csv'
locked	log --import imp.csv	75	prehab: log: log is locked by another process: 'D/log.csv'
missing	show	66	prehab: show: cannot open 'D/log.csv': No such file or directory
missing	show clamshell	66	prehab: show: cannot open 'D/log.csv': No such file or directory
missing	show log	66	prehab: show log: cannot open 'D/log.csv': No such file or directory
missing	show config	0	
missing	plan	66	prehab: plan: cannot open 'D/log.csv': No such file or directory
missing	plan --week	66	prehab: plan: cannot open 'D/log.csv': No such file or directory
missing	stats	66	prehab: stats: cannot open 'D/log.csv': No such file or directory
missing	log clamshell 2x10 --pain 1	0	
missing	log morning --pain 1	0	
missing	log --undo	1	prehab: log: nothing to undo: the log is empty
missing	log --undo --dry-run	1	prehab: log: nothing to undo: the log is empty
missing	log --import imp.csv	0	
nohome	show	78	prehab: show: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	show clamshell	78	prehab: show: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	show log	78	prehab: show log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	show config	0	
nohome	plan	78	prehab: plan: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	plan --week	78	prehab: plan: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	stats	78	prehab: stats: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	log clamshell 2x10 --pain 1	78	prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	log morning --pain 1	78	prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	log --undo	78	prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	log --undo --dry-run	78	prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
nohome	log --import imp.csv	78	prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data
badcfg	show	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	show clamshell	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	show log	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	show config	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	plan	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	plan --week	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	stats	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	log clamshell 2x10 --pain 1	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	log morning --pain 1	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	log --undo	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	log --undo --dry-run	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
badcfg	log --import imp.csv	78	prehab: D/c.ini:2: [plan] sessions_per_week must be 1-7, got '9'
EOF_TABLE

n=0
while IFS="$tab" read -r f cmd st msg; do
	n=$((n + 1))
	if [ "$f" = locked ]; then
		run "$f" $n "$cmd" &
	else
		run "$f" $n "$cmd"
	fi
done <"$T/table"
wait

n=0
while IFS="$tab" read -r f cmd st msg; do
	n=$((n + 1))
	_d=$T/case.$n
	got_rc=$(cat "$_d/rc")
	got_msg=$(head -n 1 "$_d/err" | sed "s|$_d/|D/|g")
	why=
	[ "$got_rc" = "$st" ] || why="exit status $got_rc, want $st"
	[ "$got_msg" = "$msg" ] || why="${why:+$why; }stderr '$got_msg', want '$msg'"
	# Whatever failed, a log that was there is still byte for byte there
	# (a writer that succeeded, on badlast, only appended to it).
	if [ -f "$_d/before" ] && [ "$st" != 0 ] &&
	    ! cmp -s "$_d/before" "$_d/log.csv"; then
		why="${why:+$why; }the log changed"
	fi
	if [ -z "$why" ]; then
		_t_result 1 "$f: $cmd: $st"
	else
		_t_result 0 "$f: $cmd: $st" "$why"
	fi
done <"$T/table"

done_testing
