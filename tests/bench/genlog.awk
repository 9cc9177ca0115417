# genlog.awk: writes a deterministic synthetic training log, as if the
# logs of several runners had been concatenated (each starts with its own
# header row). The same variables give the same bytes with any awk.
#
#   awk -v rows=1000000 -f genlog.awk >log.csv
#
# Variables (all optional):
#   rows     stop after this many data rows (default 1000)
#   runners  how many runners share the rows (default 1)
#   start    first date, YYYY-MM-DD (default 2024-11-25)
#   days     days each runner logs over (default 730)
#   seed     for the pseudo-random numbers (default 42)
#   bad      every bad-th row is malformed, in turn each kind (default 0:
#            none)
#   custom   log an exercise the catalog lacks, "side-plank" (default 0)
#
# Sessions fall on about 3 days a week, each exercise with 2-3 sets of
# 8-15 reps, per side where it applies; pain and RPE are sometimes left
# empty, and some notes need CSV quoting (commas and quotes, no newlines).

function rnd(n) {
	# Park-Miller: exact in double precision, so every awk agrees.
	state = (state * 48271) % 2147483647
	return state % n
}

function days_from_civil(y, m, d,    era, yoe, doy, doe) {
	y -= m <= 2
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}

function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}

function out(line) {
	print line
	n++
	if (n >= rows)
		exit 0
}

function badrow(date,    k) {
	k = nbad++ % 6
	if (k == 0)
		return date ",07:00,clamshell,left,1,12,,band,5,12,,b"
	if (k == 1)
		return date ",07:00,clamshell,left,1,lots,,band,5,2,,b"
	if (k == 2)
		return substr(date, 1, 5) "02-30,07:00,glute-bridge,both,1,10,2,,,,,b"
	if (k == 3)
		return date ",07:00,step-down,middle,1,10,,,,,,b"
	if (k == 4)
		return date ",07:00,clamshell,left,1,10,,band,11,0,,b"
	return date ",07:00,clamshell,left"
}

function row(date, ex, side, set, reps, hold, variant,    rpe, pain, note) {
	rpe = rnd(5) == 0 ? "" : 3 + rnd(6)
	# Mostly low pain, now and then a bad day.
	pain = rnd(4) == 0 ? "" : (rnd(20) == 0 ? 5 + rnd(6) : rnd(4))
	note = ""
	if (rnd(40) == 0)
		note = "\"felt it, left knee\""
	else if (rnd(80) == 0)
		note = "\"slow \"\"3-4 s\"\" tempo\""
	if (bad > 0 && (n + 1) % bad == 0)
		out(badrow(date))
	out(date ",07:" sprintf("%02d", rnd(60)) "," ex "," side "," set \
	    "," reps "," hold "," variant "," rpe "," pain "," note ",r" \
	    runner "-" date)
}

function exercise(date, ex, per_side, variant, hold,    sets, s, reps, lag) {
	sets = 2 + rnd(2)
	for (s = 1; s <= sets; s++) {
		reps = 8 + rnd(8)
		if (!per_side) {
			row(date, ex, "both", s, reps, hold, variant)
			continue
		}
		# Some runners' right side falls behind.
		lag = runner % 5 == 0 ? rnd(4) : 0
		row(date, ex, "left", s, reps, hold, variant)
		row(date, ex, "right", s, reps - lag, hold, variant)
	}
}

BEGIN {
	if (rows == "") rows = 1000
	if (runners == "") runners = 1
	if (start == "") start = "2024-11-25"
	if (days == "") days = 730
	if (seed == "") seed = 42
	if (bad == "") bad = 0
	state = seed % 2147483646 + 1
	split(start, p, "-")
	first = days_from_civil(p[1] + 0, p[2] + 0, p[3] + 0)
	hdr = "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain," \
	    "note,batch"
	n = 0
	for (;;) {
		for (runner = 1; runner <= runners; runner++) {
			print hdr
			for (d = 0; d < days; d++) {
				# About three sessions a week; fewer for some.
				if (rnd(7) >= 3 - (runner % 7 == 3))
					continue
				date = civil(first + d)
				exercise(date, "single-leg-squat", 1, "assisted", "")
				exercise(date, "glute-bridge", 0, "two-leg", 2)
				exercise(date, "clamshell", 1, "band", "")
				exercise(date, "step-down", 1, "low-step", "")
				if (custom && rnd(3) == 0)
					exercise(date, "side-plank", 1, "", 30)
			}
		}
		# Not enough rows yet: the same runners log again.
		first += days
	}
}
