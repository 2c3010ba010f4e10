# jq: group, aggregate and reshape the JSON records.
group_by(.group)
| map({group: .[0].group, n: length,
       active: (map(select(.active)) | length),
       score: (map(.score) | add | . * 1000 | round),
       far: (map(.pos.x * .pos.x + .pos.y * .pos.y) | max),
       tags: ([.[].tags[]] | group_by(.) | map({t: .[0], n: length}) | sort_by(-.n, .t) | .[:3] | map(.t))})
| sort_by(-.n, .group)
| .[]
| "\(.group) \(.n) \(.active) \(.score) \(.far) \(.tags | join(","))"
