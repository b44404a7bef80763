#!/usr/bin/env bash
# Renders acl.template for one chain: render-acl.sh CHAIN HQ_USERNAME STORE:STATION[,STATION...]...
# To serve several chains from one broker, render each and concatenate the outputs.
# Ids are checked here because an ACL line is only as narrow as its topic: a "+" or "#" in a
# store id would grant that store other stores' topics.
set -euo pipefail

template="${ACL_TEMPLATE:-$(dirname "$0")/acl.template}"
if [ "$#" -lt 3 ]; then
  echo "usage: $0 CHAIN HQ_USERNAME STORE:STATION[,STATION...]..." >&2
  exit 2
fi
chain="$1" hq="$2"
shift 2

id='^[A-Za-z0-9_-]{1,64}$'
check() {
  [[ "$1" =~ $id ]] || { echo "refused id \"$1\": 1-64 letters, digits, \"_\" or \"-\"" >&2; exit 1; }
}
check "$chain"
[[ "$hq" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || { echo "refused HQ username \"$hq\"" >&2; exit 1; }
for arg in "$@"; do
  [[ "$arg" == *:* ]] || { echo "refused \"$arg\": name the store's stations, STORE:STATION[,STATION...]" >&2; exit 1; }
  check "${arg%%:*}"
  IFS=',' read -r -a stations <<<"${arg#*:}"
  [ "${#stations[@]}" -gt 0 ] || { echo "refused \"$arg\": no station" >&2; exit 1; }
  for station in "${stations[@]}"; do check "$station"; done
done

chain_part=() station_part=() in_station=0
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" == "# @station"* ]]; then in_station=1; fi
  if [ "$in_station" = 1 ]; then station_part+=("$line"); else chain_part+=("$line"); fi
done <"$template"

echo "# Rendered by render-acl.sh from acl.template for chain $chain: do not edit by hand."
for line in "${chain_part[@]}"; do
  [[ "$line" == "#"* ]] && continue # the template's own explanations
  line="${line//\{chain\}/$chain}"
  printf '%s\n' "${line//\{hq\}/$hq}"
done
for arg in "$@"; do
  store="${arg%%:*}"
  IFS=',' read -r -a stations <<<"${arg#*:}"
  for station in "${stations[@]}"; do
    for line in "${station_part[@]}"; do
      line="${line//\{chain\}/$chain}"
      line="${line//\{store\}/$store}"
      printf '%s\n' "${line//\{station\}/$station}"
    done
    echo
  done
done
