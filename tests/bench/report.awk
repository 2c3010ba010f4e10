# Turn the measurements of bench.sh into report.txt, results.csv,
# results.json and chart.dat (for chart.gp).
#
# Input (tab separated), written by bench.sh:
#   B name native(yes|no) args         a benchmark
#   C config prefix                    a configuration that ran ("native" first)
#   S config reason                    a configuration that was skipped
#   K bench config reason              one benchmark not run in a configuration
#   O bench text                       the benchmark's offload object (summary)
#   R rep bench config secs rss status [cpu]
#                                      one timed run (rss in KiB or n/a;
#                                      status ok|wrong|timeout|exit-N|no-oracle;
#                                      cpu: user + system seconds)
#   X bench status                     the statistics run's output check
#   T bench key value                  a line of the statistics summary
# Variables: outdir reps speedups intbench suite_secs date host git_rev qemu
#   ref_qemu stats_prefix rss_tool title
#
# The table is made for wall time and again for CPU time (when the runs
# recorded it): compute() takes the samples in tv[], so the CPU pass puts
# the CPU samples there and the wall ones back afterwards.

BEGIN { FS = "\t" }

$1 == "B" { nb++; bn[nb] = $2; twin[$2] = $3; bargs[$2] = $4; next }
$1 == "C" { nc++; cn[nc] = $2; cprefix[$2] = $3; next }
$1 == "S" { ns++; sn[ns] = $2; sreason[ns] = $3; next }
$1 == "K" { nk_++; kbn[nk_] = $2; kcn[nk_] = $3; kreason[nk_] = $4; kskip[$2 SUBSEP $3] = 1; next }
$1 == "O" { no_++; ob[no_] = $2; otext[no_] = $3; next }
$1 == "R" {
    b = $3; c = $4; k = b SUBSEP c
    nrun[k]++
    runs[k] = runs[k] (runs[k] == "" ? "" : ";") $5
    if ($7 == "ok") nok[k]++
    else bad[k] = bad[k] (bad[k] == "" ? "" : "+") $7
    if ($7 == "ok" || $7 == "wrong" || $7 == "no-oracle") {
        nt[k]++; tv[k, nt[k]] = $5 + 0
        if ($8 != "") { tc[k, nt[k]] = $8 + 0; hascpu = 1 }
    }
    if ($6 != "n/a" && $6 + 0 > rss[k]) rss[k] = $6 + 0
    if ($6 == "n/a") rss_na[k] = 1
    next
}
$1 == "X" { xstat[$2] = $3; next }
$1 == "T" {
    if (!($3 in keyseen)) { keyseen[$3] = 1; nkeys++; keys[nkeys] = $3 }
    sv[$2, $3] = $4
    next
}

function median(k,    n, i, j, t, a) {
    n = nt[k]
    if (n == 0) return -1
    for (i = 1; i <= n; i++) a[i] = tv[k, i]
    for (i = 2; i <= n; i++) {
        t = a[i]
        for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
        a[j + 1] = t
    }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function minv(k,    i, m) { m = -1; for (i = 1; i <= nt[k]; i++) if (m < 0 || tv[k, i] < m) m = tv[k, i]; return m }
function maxv(k,    i, m) { m = -1; for (i = 1; i <= nt[k]; i++) if (tv[k, i] > m) m = tv[k, i]; return m }
function jstr(s) {
    gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s)
    return "\"" s "\""
}
function jnum(x, fmt) { return x < 0 || x == "" ? "null" : sprintf(fmt, x) }
function csvq(s) { if (s ~ /[",]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" } return s }
function out(s) { print s > rpt }
function fsec(x, k) { return x >= 0 ? sprintf("%.3f", x) : shortstat(k) }

END {
    rpt = outdir "/report.txt"; csv = outdir "/results.csv"
    json = outdir "/results.json"; dat = outdir "/chart.dat"
    printf "" > rpt

    nsp = split(speedups, sp, " ")
    for (i = 1; i <= nsp; i++) {
        split(sp[i], ab, ":"); spa[i] = ab[1]; spb[i] = ab[2]
        sph[i] = ab[1] "/" ab[2]
    }
    for (j = 1; j <= nc; j++) hasc[cn[j]] = 1

    out(sprintf("%s: %s, %s", title == "" ? "qemu-hybrid benchmarks" : title, date, host))
    out(sprintf("tree %s; %d round(s), median shown; suite wall time %d s (%dm%02ds)",
                git_rev, reps, suite_secs, int(suite_secs / 60), suite_secs % 60))
    for (j = 2; j <= nc; j++) out(sprintf("  %-14s = %s PROGRAM ARGS", cn[j], cprefix[cn[j]]))
    for (s = 1; s <= ns; s++) out(sprintf("  %-14s skipped: %s", sn[s], sreason[s]))
    compute()
    table("wall time (s)", "time")
    if (hascpu) {
        # the CPU time pass: its numbers kept in the *c arrays (for the CSV
        # and JSON), then the wall time numbers again
        copy(tv, tw); copy(tc, tv)
        compute()
        copy(med, medc); copy(slow, slowc); copy(spd, spdc); copy(geo, geoc); copy(geosp, geospc)
        table("CPU time (s, user + system, all threads)", "CPU time")
        copy(tw, tv)
        compute()
    }
    for (q = 1; q <= nk_; q++)
        out(sprintf("skipped: %s under %s: %s", kbn[q], kcn[q], kreason[q]))
    if (no_) {
        out("")
        out("offload objects (qemu-offload-cc report):")
        for (q = 1; q <= no_; q++) out(sprintf("  %-10s %s", ob[q], otext[q]))
    }
    report_rest()
}

# compute(): medians of tv[], slowdowns, speedups, correctness, geomeans.
function compute() {
    nwrong = 0; ntwin = 0; ncommon = 0; leftout = ""
    delete common
    # ---- per benchmark numbers ----
    for (i = 1; i <= nb; i++) {
        b = bn[i]
        for (j = 1; j <= nc; j++) {
            c = cn[j]; k = b SUBSEP c
            med[k] = (k in nrun) ? median(k) : -2      # -2: not run, -1: failed
        }
        nat = med[b SUBSEP "native"]
        for (j = 1; j <= nc; j++) {
            c = cn[j]; k = b SUBSEP c
            slow[k] = (nat > 0 && med[k] > 0) ? med[k] / nat : -1
        }
        for (j = 1; j <= nc; j++) {
            k = b SUBSEP cn[j]
            good[k] = med[k] > 0 && !(k in bad)     # timed, every output right
        }
        for (s = 1; s <= nsp; s++) {
            ka = b SUBSEP spa[s]; kb = b SUBSEP spb[s]
            spd[b, s] = (good[ka] && good[kb]) ? med[kb] / med[ka] : -1
        }
        # output correct: every run of every configuration, and the stats run
        wrong = ""
        for (j = 1; j <= nc; j++) {
            k = b SUBSEP cn[j]
            if (k in bad) wrong = wrong (wrong == "" ? "" : ",") cn[j] ":" bad[k]
        }
        if ((b in xstat) && xstat[b] != "ok")
            wrong = wrong (wrong == "" ? "" : ",") "stats:" xstat[b]
        correct[b] = wrong == "" ? "yes" : "NO (" wrong ")"
        if (wrong != "") nwrong++
    }

    # ---- geometric means ----
    # over the same benchmarks for every configuration: those with a native
    # twin on which every configuration ran and printed the right output
    ntwin = 0; ncommon = 0; leftout = ""
    for (i = 1; i <= nb; i++) {
        b = bn[i]
        if (twin[b] != "yes") continue
        ntwin++; all_good = 1
        for (j = 1; j <= nc; j++) if (!good[b SUBSEP cn[j]]) all_good = 0
        if (all_good) { common[b] = 1; ncommon++ }
        else leftout = leftout (leftout == "" ? "" : ", ") b
    }
    for (j = 1; j <= nc; j++) {
        c = cn[j]; lg = 0; n = 0
        for (i = 1; i <= nb; i++) {
            k = bn[i] SUBSEP c
            if (!(bn[i] in common)) continue
            lg += log(c == "native" ? med[k] : slow[k]); n++
        }
        geo[c] = n ? exp(lg / n) : -1; geon[c] = n
    }
    for (s = 1; s <= nsp; s++) {
        lg = 0; n = 0
        for (i = 1; i <= nb; i++) if (spd[bn[i], s] > 0) { lg += log(spd[bn[i], s]); n++ }
        geosp[s] = n ? exp(lg / n) : -1; geospn[s] = n
    }
    # the same over the integer benchmarks (kind "int" in benchmarks.txt)
    nint = split(intbench, ib, " ")
    for (s = 1; s <= nsp; s++) {
        lg = 0; n = 0
        for (q = 1; q <= nint; q++) if (spd[ib[q], s] > 0) { lg += log(spd[ib[q], s]); n++ }
        geoint[s] = n ? exp(lg / n) : -1; geointn[s] = n
    }

}

# table(HEADING, WHAT): the table of med[] and the numbers made from it.
function table(heading, what) {
    out("")
    out(heading)
    h1 = sprintf("%-10s %8s", "", "native")
    h2 = sprintf("%-10s %8s", "benchmark", "s")
    for (j = 2; j <= nc; j++) {
        h1 = h1 sprintf("  %16s", cn[j])
        h2 = h2 sprintf("  %8s %7s", "s", "x nat")
    }
    for (s = 1; s <= nsp; s++) {
        w = length(sph[s]) < 8 ? 8 : length(sph[s])
        spw[s] = w
        h1 = h1 sprintf("  %" w "s", "speedup")
        h2 = h2 sprintf("  %" w "s", sph[s])
    }
    h1 = h1 "  output"; h2 = h2 "  correct"
    out(h1); out(h2)
    rule = h2; gsub(/./, "-", rule); out(rule)
    for (i = 1; i <= nb; i++) {
        b = bn[i]
        nat = med[b SUBSEP "native"]
        line = sprintf("%-10s %8s", b, nat == -2 ? "-" : fsec(nat, b SUBSEP "native"))
        for (j = 2; j <= nc; j++) {
            k = b SUBSEP cn[j]
            line = line sprintf("  %8s %7s", (k in kskip) ? "skipped" : med[k] == -2 ? "-" : fsec(med[k], k),
                                slow[k] > 0 ? sprintf("%.2fx", slow[k]) : "-")
        }
        for (s = 1; s <= nsp; s++)
            line = line sprintf("  %" spw[s] "s", spd[b, s] > 0 ? sprintf("%.3f", spd[b, s]) : "-")
        out(line "  " correct[b])
    }
    out(rule)
    line = sprintf("%-10s %8s", "geomean", geo["native"] > 0 ? sprintf("%.3f", geo["native"]) : "-")
    for (j = 2; j <= nc; j++)
        line = line sprintf("  %8s %7s", "", geo[cn[j]] > 0 ? sprintf("%.2fx", geo[cn[j]]) : "-")
    for (s = 1; s <= nsp; s++)
        line = line sprintf("  %" spw[s] "s", geosp[s] > 0 ? sprintf("%.3f", geosp[s]) : "-")
    out(line "  " (nwrong ? nwrong " benchmark(s) WRONG" : "all correct"))
    if (nint) {
        line = sprintf("%-10s %8s", "geo int", "")
        for (j = 2; j <= nc; j++) line = line sprintf("  %8s %7s", "", "")
        for (s = 1; s <= nsp; s++)
            line = line sprintf("  %" spw[s] "s", geoint[s] > 0 ? sprintf("%.3f", geoint[s]) : "-")
        out(line)
    }
    out("x nat = " what " / native " what ".  Slowdown geomeans: over the benchmarks with a native")
    out("twin that every configuration ran correctly (" ncommon " of " ntwin ")" (leftout == "" ? "." : ";"))
    if (leftout != "") out("left out: " leftout ".")
    out("Speedup geomeans: over every benchmark that both configurations ran correctly;")
    if (nint) out("geo int: over the integer ones among them (" intbench ").")
}

function report_rest() {
    # ---- peak RSS ----
    out("")
    out("peak RSS (MiB, max over the rounds; " (rss_tool == "none" ? \
        "not measured: /usr/bin/time, Debian package time, is missing" : "measured with " rss_tool " -f %M") ")")
    line = sprintf("%-10s", "benchmark")
    for (j = 1; j <= nc; j++) line = line sprintf(" %9s", cn[j])
    out(line)
    for (i = 1; i <= nb; i++) {
        b = bn[i]; line = sprintf("%-10s", b)
        for (j = 1; j <= nc; j++) {
            k = b SUBSEP cn[j]
            v = !(k in nrun) ? "-" : ((k in rss_na) || !(k in rss)) ? "n/a" : sprintf("%.1f", rss[k] / 1024)
            line = line sprintf(" %9s", v)
            if ((k in rss) && rss[k] > peak[cn[j]]) peak[cn[j]] = rss[k]
        }
        out(line)
    }
    line = sprintf("%-10s", "peak")
    for (j = 1; j <= nc; j++)
        line = line sprintf(" %9s", (cn[j] in peak) ? sprintf("%.1f", peak[cn[j]] / 1024) : "n/a")
    out(line)

    # ---- hybrid statistics ----
    out("")
    out("hybrid statistics (" stats_prefix ", once per benchmark, stderr summary)")
    if (nkeys == 0) out("  (none collected)")
    # values equal for every benchmark are shown once, the others as a table
    nvar = 0
    for (q = 1; q <= nkeys; q++) {
        key = keys[q]; same = 1; first = ""; have = 0
        for (i = 1; i <= nb; i++) {
            if (!((bn[i], key) in sv)) { same = 0; continue }
            v = sv[bn[i], key]
            if (!have) { first = v; have = 1 } else if (v != first) same = 0
        }
        if (same && have) out(sprintf("  %-30s %s (all benchmarks)", key, first))
        else { nvar++; var[nvar] = key }
    }
    if (nvar) {
        for (q = 1; q <= nvar; q++) {
            vw[q] = length("[" q "]")
            for (i = 1; i <= nb; i++)
                if (((bn[i], var[q]) in sv) && length(sv[bn[i], var[q]]) > vw[q]) vw[q] = length(sv[bn[i], var[q]])
        }
        for (q = 1; q <= nvar; q++) out(sprintf("  [%d] %s", q, var[q]))
        line = sprintf("  %-10s", "benchmark")
        for (q = 1; q <= nvar; q++) line = line sprintf("  %" vw[q] "s", "[" q "]")
        out(line)
        for (i = 1; i <= nb; i++) {
            line = sprintf("  %-10s", bn[i])
            for (q = 1; q <= nvar; q++)
                line = line sprintf("  %" vw[q] "s", ((bn[i], var[q]) in sv) ? sv[bn[i], var[q]] : "-")
            out(line)
        }
    }
    close(rpt)

    # ---- results.csv: one row per benchmark and configuration ----
    print "benchmark,config,median_s,min_s,max_s,runs,ok_runs,slowdown_vs_native,peak_rss_kib,correct,times_s,cpu_median_s,cpu_slowdown_vs_native" > csv
    for (i = 1; i <= nb; i++) for (j = 1; j <= nc; j++) {
        b = bn[i]; c = cn[j]; k = b SUBSEP c
        if (!(k in nrun)) continue
        printf "%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s\n", b, c,
            (med[k] > 0 ? sprintf("%.3f", med[k]) : ""),
            nt[k] ? sprintf("%.3f", minv(k)) : "", nt[k] ? sprintf("%.3f", maxv(k)) : "",
            nrun[k], nok[k], (slow[k] > 0 ? sprintf("%.4f", slow[k]) : ""),
            ((k in rss) && !(k in rss_na)) ? rss[k] : "",
            (k in bad) ? "no" : "yes", csvq(runs[k]),
            (medc[k] > 0 ? sprintf("%.3f", medc[k]) : ""), (slowc[k] > 0 ? sprintf("%.4f", slowc[k]) : "") > csv
    }
    close(csv)

    # ---- results.json ----
    print "{" > json
    printf "  \"date\": %s,\n  \"host\": %s,\n  \"tree\": %s,\n", jstr(date), jstr(host), jstr(git_rev) > json
    printf "  \"reps\": %d,\n  \"suite_seconds\": %d,\n  \"qemu\": %s,\n  \"ref_qemu\": %s,\n", reps, suite_secs, jstr(qemu), jstr(ref_qemu) > json
    printf "  \"rss_tool\": %s,\n  \"stats_prefix\": %s,\n", jstr(rss_tool), jstr(stats_prefix) > json
    printf "  \"configs\": [" > json
    for (j = 1; j <= nc; j++)
        printf "%s\n    {\"name\": %s, \"prefix\": %s, \"geomean_slowdown\": %s, \"geomean_cpu_slowdown\": %s, \"peak_rss_kib\": %s}",
            (j > 1 ? "," : ""), jstr(cn[j]), jstr(cprefix[cn[j]]),
            cn[j] == "native" ? "1" : jnum(geo[cn[j]], "%.4f"),
            cn[j] == "native" ? "1" : jnum(hascpu ? geoc[cn[j]] : -1, "%.4f"),
            (cn[j] in peak) ? peak[cn[j]] : "null" > json
    printf "\n  ],\n  \"skipped_configs\": [" > json
    for (s = 1; s <= ns; s++)
        printf "%s\n    {\"name\": %s, \"reason\": %s}", (s > 1 ? "," : ""), jstr(sn[s]), jstr(sreason[s]) > json
    printf "%s],\n", ns ? "\n  " : "" > json
    printf "  \"skipped_runs\": [" > json
    for (q = 1; q <= nk_; q++)
        printf "%s\n    {\"benchmark\": %s, \"config\": %s, \"reason\": %s}", (q > 1 ? "," : ""),
            jstr(kbn[q]), jstr(kcn[q]), jstr(kreason[q]) > json
    printf "%s],\n", nk_ ? "\n  " : "" > json
    printf "  \"offload_objects\": {" > json
    for (q = 1; q <= no_; q++)
        printf "%s%s: %s", (q > 1 ? ", " : ""), jstr(ob[q]), jstr(otext[q]) > json
    printf "},\n" > json
    printf "  \"geomean_benchmarks\": [" > json
    first = 1
    for (i = 1; i <= nb; i++) if (bn[i] in common) { printf "%s%s", first ? "" : ", ", jstr(bn[i]) > json; first = 0 }
    printf "],\n" > json
    printf "  \"geomean_native_seconds\": %s,\n", jnum(geo["native"], "%.4f") > json
    printf "  \"geomean_speedups\": {" > json
    for (s = 1; s <= nsp; s++)
        printf "%s%s: %s", (s > 1 ? ", " : ""), jstr(sph[s]), jnum(geosp[s], "%.4f") > json
    printf "},\n  \"geomean_cpu_speedups\": {" > json
    for (s = 1; s <= nsp; s++)
        printf "%s%s: %s", (s > 1 ? ", " : ""), jstr(sph[s]), jnum(hascpu ? geospc[s] : -1, "%.4f") > json
    printf "},\n  \"geomean_int_speedups\": {" > json
    for (s = 1; s <= nsp; s++)
        printf "%s%s: %s", (s > 1 ? ", " : ""), jstr(sph[s]), jnum(geoint[s], "%.4f") > json
    printf "},\n  \"benchmarks\": [" > json
    for (i = 1; i <= nb; i++) {
        b = bn[i]
        printf "%s\n    {\"name\": %s, \"native_twin\": %s, \"args\": %s, \"correct\": %s,\n",
            (i > 1 ? "," : ""), jstr(b), twin[b] == "yes" ? "true" : "false",
            jstr(bargs[b]), correct[b] == "yes" ? "true" : "false" > json
        printf "     \"correct_detail\": %s,\n     \"results\": {", jstr(correct[b]) > json
        first = 1
        for (j = 1; j <= nc; j++) {
            c = cn[j]; k = b SUBSEP c
            if (!(k in nrun)) continue
            printf "%s\n       %s: {\"median_s\": %s, \"cpu_median_s\": %s, \"cpu_slowdown_vs_native\": %s, \"min_s\": %s, \"max_s\": %s, \"times_s\": [%s], \"ok_runs\": %d, \"runs\": %d, \"slowdown_vs_native\": %s, \"peak_rss_kib\": %s, \"status\": %s}",
                first ? "" : ",", jstr(c), jnum(med[k], "%.3f"),
                jnum(hascpu ? medc[k] : -1, "%.3f"), jnum(hascpu ? slowc[k] : -1, "%.4f"),
                nt[k] ? sprintf("%.3f", minv(k)) : "null", nt[k] ? sprintf("%.3f", maxv(k)) : "null",
                runs_json(k), nok[k], nrun[k], jnum(slow[k], "%.4f"),
                ((k in rss) && !(k in rss_na)) ? rss[k] : "null",
                jstr((k in bad) ? bad[k] : "ok") > json
            first = 0
        }
        printf "},\n     \"speedups\": {" > json
        for (s = 1; s <= nsp; s++)
            printf "%s%s: %s", (s > 1 ? ", " : ""), jstr(sph[s]), jnum(spd[b, s], "%.4f") > json
        printf "},\n     \"cpu_speedups\": {" > json
        for (s = 1; s <= nsp; s++)
            printf "%s%s: %s", (s > 1 ? ", " : ""), jstr(sph[s]), jnum(hascpu ? spdc[b, s] : -1, "%.4f") > json
        printf "},\n     \"stats\": {" > json
        first = 1
        for (q = 1; q <= nkeys; q++) {
            if (!((b, keys[q]) in sv)) continue
            printf "%s%s: %s", first ? "" : ", ", jstr(keys[q]), jstr(sv[b, keys[q]]) > json
            first = 0
        }
        printf "}}" > json
    }
    printf "\n  ]\n}\n" > json
    close(json)

    # ---- chart.dat: time / native per benchmark (rows) and config (columns) ----
    # then one status column per configuration: "-" when the runs were
    # right, else what went wrong (the chart writes it at the bar)
    line = "benchmark"
    for (j = 2; j <= nc; j++) line = line " " cn[j]
    for (j = 2; j <= nc; j++) line = line " " cn[j] "-status"
    print line > dat
    for (i = 1; i <= nb; i++) {
        b = bn[i]
        if (med[b SUBSEP "native"] <= 0) continue      # no native twin or failed
        line = b
        for (j = 2; j <= nc; j++) {
            k = b SUBSEP cn[j]
            line = line " " (slow[k] > 0 ? sprintf("%.4f", slow[k]) : "?")
        }
        for (j = 2; j <= nc; j++) line = line " " shortstat(b SUBSEP cn[j])
        print line > dat
    }
    line = sprintf("geomean(%d)", ncommon)
    for (j = 2; j <= nc; j++) line = line " " (geo[cn[j]] > 0 ? sprintf("%.4f", geo[cn[j]]) : "?")
    for (j = 2; j <= nc; j++) line = line " -"
    print line > dat
    close(dat)
}

function copy(from, to,    k) { delete to; for (k in from) to[k] = from[k] }
function runs_json(k,    s) { s = runs[k]; gsub(/;/, ", ", s); return s }
function shortstat(k) {
    if (good[k]) return "-"
    if (k in kskip) return "skipped"
    if (bad[k] ~ /timeout/) return "timeout"
    if (bad[k] ~ /wrong/) return "WRONG"
    if (match(bad[k], /exit-[0-9]+/))
        return substr(bad[k], RSTART + 5, RLENGTH - 5) + 0 >= 128 ? "crash" : "failed"
    return "failed"
}
