# tclsh: dictionaries, string commands and lsort over the text.
set f [open [lindex $argv 0]]
set freq [dict create]
set lines 0; set chars 0
while {[gets $f line] >= 0} {
    incr lines; incr chars [string length $line]
    foreach w [split [string map {. "" , ""} [string tolower $line]] " "] {
        if {$w eq "" || [string is digit $w]} continue
        dict incr freq $w
        dict incr freq [string range $w 0 2]*
    }
}
close $f
set l [lsort -stride 2 -index 1 -integer -decreasing [lsort -stride 2 -index 0 $freq]]
puts "lines $lines chars $chars distinct [expr {[dict size $freq]}]"
foreach {w n} [lrange $l 0 79] { puts [format "%-14s %6d" $w $n] }
