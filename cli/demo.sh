#!/usr/bin/env bash
# The README's demo: the aws ivs-realtime commands on the embedded default store (or
# $IVSRT_DATA_DIR). Creates a stage with two participant tokens, tags it, lists stages, shows
# a token's claims, disconnects a participant and deletes the stage. Safe to run again: the
# stage has a fresh name and is deleted at the end (also on failure).
#   IVSRT=path/to/ivsrt cli/demo.sh      (default: ivsrt from PATH, else ./build/cli/ivsrt)
set -euo pipefail

if [[ -z "${IVSRT:-}" ]]; then
  if command -v ivsrt >/dev/null; then IVSRT=ivsrt; else IVSRT=./build/cli/ivsrt; fi
fi

# Echoes the command (quoted where needed; a long token shortened), then runs it.
run() {
  local shown=() arg
  for arg in "$@"; do
    if [[ "$arg" == eyJ* ]] && ((${#arg} > 60)); then arg="${arg:0:24}..."; fi
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=,@+-]+$|^[A-Za-z0-9_]+\.\.\.$ ]]; then
      shown+=("$arg")
    else
      shown+=("'$arg'")
    fi
  done
  printf '\n$ ivsrt %s\n' "${shown[*]}"
  "$IVSRT" "$@"
}

# The value of the first "key": "value" line of pretty-printed output.
field() {
  sed -n "s/^ *\"$1\": \"\\([^\"]*\\)\",\\{0,1\\}$/\\1/p" | sed -n "${2:-1}p"
}

name="demo-$(date +%s)-$$"
created=$(run create-stage --name "$name" \
  --participant-token-configurations \
  "userId=alice,capabilities=PUBLISH,SUBSCRIBE,attributes={role=host}" \
  "userId=bob,capabilities=SUBSCRIBE,duration=60")
echo "$created"
arn=$(field arn <<<"$created")
trap '"$IVSRT" delete-stage --arn "$arn" 2>/dev/null || true' EXIT
alice_token=$(field token 1 <<<"$created")
bob_id=$(field participantId 2 <<<"$created")

run tag-resource --resource-arn "$arn" --tags env=demo,team=video
run list-tags-for-resource --resource-arn "$arn"
run list-stages
run verify-participant-token --token "$alice_token"
run disconnect-participant --stage-arn "$arn" --participant-id "$bob_id" --reason "demo over"
run delete-stage --arn "$arn"
trap - EXIT
run get-stage --arn "$arn" 2>&1 || echo "(exit status $?)"
