# Grouped bars of execution time normalised to native (time / native time)
# per benchmark and configuration, the geometric mean last.
# usage: gnuplot -e "datafile='chart.dat'; outfile='chart.png'" chart.gp
# chart.dat (from report.awk): a header "benchmark cfg1 .. cfgN cfg1-status
# .. cfgN-status", then one row per benchmark: time / native per
# configuration ("?" when missing), then per configuration "-" when its runs
# printed the right output, else a word (timeout, crash, WRONG, failed)
# that is written in red at the bar's place.

ncols = system(sprintf("head -n 1 '%s' | wc -w", datafile)) + 0
nrows = system(sprintf("wc -l < '%s'", datafile)) - 1
ncfg = (ncols - 1) / 2

set terminal pngcairo size 1400,650 font "sans,11"
set output outfile
set datafile missing "?"
set title "qemu-hybrid benchmarks: execution time normalised to native x86-64 (lower is better)\n{/*0.8 median of the rounds; red: the configuration failed there; geomean(n): over the n benchmarks every configuration ran correctly; guest-only programs not shown}"
set ylabel "time / native time"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set grid ytics lc rgb "#cccccc"
set key top left reverse Left opaque
set xtics nomirror rotate by -35 scale 0 font ",11"
set ytics nomirror
set yrange [0:*]
set xrange [-0.6:nrows - 0.4]
set rmargin 8
set linetype 1 lc rgb "#4e79a7"
set linetype 2 lc rgb "#f28e2b"
set linetype 3 lc rgb "#59a14f"
set linetype 4 lc rgb "#e15759"
set linetype 5 lc rgb "#76b7b2"
set linetype 6 lc rgb "#edc948"
set arrow from graph 0, first 1 to graph 1, first 1 nohead back dt 2 lc rgb "#000000"
# separate the geometric mean from the benchmarks
set arrow from nrows - 1.5, graph 0 to nrows - 1.5, graph 1 nohead back lc rgb "#888888"

set key autotitle columnhead
# bar j (0-based) of row r of a clustered histogram with gap 1 is at
# r + (j - (ncfg - 1) / 2) / (ncfg + 1)
plot for [i=2:ncfg + 1] datafile using i:xtic(1) title columnheader(i), \
     for [j=0:ncfg - 1] datafile \
         using ($0 + (j - (ncfg - 1) / 2.0) / (ncfg + 1)):(0): \
               (strcol(ncfg + 2 + j) eq "-" ? "" : strcol(ncfg + 2 + j)) \
         with labels rotate by 90 left offset 0,0.4 font ",9" tc rgb "#c00000" notitle
