#!/usr/bin/env bash
# Renders acl.template for one chain: render-acl.sh CHAIN HQ_USERNAME STORE...
# To serve several chains from one broker, render each and concatenate the outputs.
# Ids are checked here because an ACL line is only as narrow as its topic: a "+" or "#" in a
# store id would grant that store other stores' topics.
set -euo pipefail

template="${ACL_TEMPLATE:-$(dirname "$0")/acl.template}"
if [ "$#" -lt 3 ]; then
  echo "usage: $0 CHAIN HQ_USERNAME STORE..." >&2
  exit 2
fi
chain="$1" hq="$2"
shift 2

id='^[A-Za-z0-9_-]{1,64}$'
for value in "$chain" "$@"; do
  [[ "$value" =~ $id ]] || { echo "refused id \"$value\": 1-64 letters, digits, \"_\" or \"-\"" >&2; exit 1; }
done
[[ "$hq" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || { echo "refused HQ username \"$hq\"" >&2; exit 1; }

chain_part=() store_part=() in_store=0
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" == "# @store"* ]]; then in_store=1; fi
  if [ "$in_store" = 1 ]; then store_part+=("$line"); else chain_part+=("$line"); fi
done <"$template"

echo "# Rendered by render-acl.sh from acl.template for chain $chain: do not edit by hand."
for line in "${chain_part[@]}"; do
  [[ "$line" == "#"* ]] && continue # the template's own explanations
  line="${line//\{chain\}/$chain}"
  printf '%s\n' "${line//\{hq\}/$hq}"
done
for store in "$@"; do
  for line in "${store_part[@]}"; do
    line="${line//\{chain\}/$chain}"
    printf '%s\n' "${line//\{store\}/$store}"
  done
  echo
done
