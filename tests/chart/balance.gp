# prehab stats: left and right balance, 2026-W44 to 2026-W48
# single-leg-squat, per week
$ex1 << EOD
# week	level	reps	left	right	pain_max	pain_left	pain_right
EOD
# glute-bridge, per week
$ex2 << EOD
# week	level	reps	left	right	pain_max	pain_left	pain_right
2026-10-26	1	24	NaN	NaN	0	NaN	NaN
EOD
# clamshell, per week
$ex3 << EOD
# week	level	reps	left	right	pain_max	pain_left	pain_right
2026-10-26	0	40	20	20	2	1	2

2026-11-16	2	60	30	30	1	1	1
2026-11-23	3	40	20	20	2	2	2
EOD
# step-down, per week
$ex4 << EOD
# week	level	reps	left	right	pain_max	pain_left	pain_right
2026-11-02	NaN	36	20	16	4	1	4

2026-11-16	NaN	38	20	18	6	2	6
EOD
races = ""
races = races . "set arrow from 1795348800, graph 0 to 1795348800, graph 1 nohead back dt 3 lw 1.5 lc rgb '#9467bd'; " # 2026-11-22
wk(c) = timecolumn(c, "%Y-%m-%d") + 3.5 * 86400
set multiplot title "Prehab: left and right balance, 2026-W44 to 2026-W48" font ",11"
reset
set datafile separator "\t"
set xdata time
set origin 0, 0.465
set size 0.5, 0.465
set xrange [1792972800:1795996800]
set xtics 1209600
set format x "%d %b"
set lmargin 12
set rmargin 5
set title "Single-leg squat: left and right" noenhanced font ",10" offset 0, -0.5
set tics font ",8"
set key outside below center horizontal samplen 1.5 font ",8" noenhanced
set grid ytics lc rgb "#dddddd"
set ytics nomirror
eval races
set ylabel "reps a week" font ",8"
set yrange [0:1]
unset ytics
set label 1 "nothing logged" at graph 0.5, graph 0.5 center font ",9"
plot 2 notitle
reset
set datafile separator "\t"
set xdata time
set origin 0.5, 0.465
set size 0.5, 0.465
set xrange [1792972800:1795996800]
set xtics 1209600
set format x "%d %b"
set lmargin 12
set rmargin 5
set title "Clamshell: left and right" noenhanced font ",10" offset 0, -0.5
set tics font ",8"
set key outside below center horizontal samplen 1.5 font ",8" noenhanced
set grid ytics lc rgb "#dddddd"
set ytics nomirror
eval races
set ylabel "reps a week" font ",8"
set yrange [0:*]
set ytics 10
set y2range [0:10.5]
set y2tics 0, 5, 10
set y2label "pain" font ",8" offset -1.5, 0
set label 2 "step back at pain 6" at graph 1, second 6 offset -0.5, 0.5 right front font ",7" tc rgb "#d62728"
plot $ex3 using (wk(1)):4 with linespoints lw 3 pt 7 ps 0.6 lc rgb "#1f77b4" title "left reps", \
     $ex3 using (wk(1)):5 with linespoints lw 1.5 pt 5 ps 0.4 lc rgb "#ff7f0e" title "right reps", \
     $ex3 using (wk(1)):7 axes x1y2 with linespoints dt 2 pt 7 ps 0.4 lc rgb "#1f77b4" title "left pain", \
     $ex3 using (wk(1)):8 axes x1y2 with linespoints dt 2 pt 5 ps 0.4 lc rgb "#ff7f0e" title "right pain", \
     6 axes x1y2 with lines dt 2 lw 1.5 lc rgb "#d62728" title "step back", \
     NaN with lines dt 3 lw 1.5 lc rgb "#9467bd" title "race"
reset
set datafile separator "\t"
set xdata time
set origin 0, 0
set size 0.5, 0.465
set xrange [1792972800:1795996800]
set xtics 1209600
set format x "%d %b"
set lmargin 12
set rmargin 5
set title "Step-down: left and right" noenhanced font ",10" offset 0, -0.5
set tics font ",8"
set key outside below center horizontal samplen 1.5 font ",8" noenhanced
set grid ytics lc rgb "#dddddd"
set ytics nomirror
eval races
set ylabel "reps a week" font ",8"
set yrange [0:*]
set ytics 5
set y2range [0:10.5]
set y2tics 0, 5, 10
set y2label "pain" font ",8" offset -1.5, 0
set label 2 "step back at pain 6" at graph 1, second 6 offset -0.5, 0.5 right front font ",7" tc rgb "#d62728"
plot $ex4 using (wk(1)):4 with linespoints lw 3 pt 7 ps 0.6 lc rgb "#1f77b4" title "left reps", \
     $ex4 using (wk(1)):5 with linespoints lw 1.5 pt 5 ps 0.4 lc rgb "#ff7f0e" title "right reps", \
     $ex4 using (wk(1)):7 axes x1y2 with linespoints dt 2 pt 7 ps 0.4 lc rgb "#1f77b4" title "left pain", \
     $ex4 using (wk(1)):8 axes x1y2 with linespoints dt 2 pt 5 ps 0.4 lc rgb "#ff7f0e" title "right pain", \
     6 axes x1y2 with lines dt 2 lw 1.5 lc rgb "#d62728" title "step back", \
     NaN with lines dt 3 lw 1.5 lc rgb "#9467bd" title "race"
unset multiplot
