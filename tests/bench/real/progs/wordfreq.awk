# gawk: word and bigram frequencies, line statistics, numbers summed;
# sorted output (PROCINFO sorted_in), so the order is deterministic.
{
    nl++; nc += length($0)
    line = tolower($0); gsub(/[.,]/, "", line)
    n = split(line, w, " ")
    for (i = 1; i <= n; i++) {
        if (w[i] ~ /^[0-9]+$/) { sum += w[i]; nnum++; continue }
        freq[w[i]]++
        if (i > 1) bi[w[i - 1] " " w[i]]++
        len[length(w[i])]++
    }
    if (n > maxw) maxw = n
}
END {
    printf "lines %d chars %d maxwords %d numbers %d sum %d\n", nl, nc, maxw, nnum, sum
    PROCINFO["sorted_in"] = "@val_num_desc"
    k = 0
    for (x in freq) { if (++k > 40) break; printf "%s %d\n", x, freq[x] }
    k = 0
    for (x in bi) { if (++k > 40) break; printf "%s %d\n", x, bi[x] }
    PROCINFO["sorted_in"] = "@ind_num_asc"
    for (l in len) printf "len %d %d\n", l, len[l]
    printf "distinct %d bigrams %d\n", length(freq), length(bi)
}
