# perl: the same text through regexes, hashes, sprintf and sort.
use strict; use warnings;
my (%freq, %shape, $lines, $sum);
while (my $l = <>) {
    $lines++;
    $sum += $1 while $l =~ /\b(\d+)\b/g;
    for my $w ($l =~ /([A-Za-z]+)/g) {
        $freq{lc $w}++;
        (my $s = $w) =~ tr/aeiouAEIOU/VVVVVVVVVV/;
        $s =~ s/[^V]/c/g;
        $shape{$s}++;
    }
}
my @top = (sort { $freq{$b} <=> $freq{$a} || $a cmp $b } keys %freq)[0 .. 39];
printf "%-12s %d\n", $_, $freq{$_} for @top;
my @sh = (sort { $shape{$b} <=> $shape{$a} || $a cmp $b } keys %shape)[0 .. 19];
print "$_ $shape{$_}\n" for @sh;
my $rev = join '', map { scalar reverse $_ } sort keys %freq;
printf "lines %d sum %d distinct %d revlen %d\n", $lines, $sum, scalar(keys %freq), length $rev;
