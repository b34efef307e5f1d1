#!/usr/bin/env bash
# Run the README's two commands on a truly fresh Debian 12 (bookworm) root,
# as a new user would: a minimal root made with mmdebstrap (nothing beyond
# apt), the current commit cloned into it, the commands run inside it under
# chroot.
#
#   scripts/fresh-machine.sh [--main-only | --no-rtl] [--keep] [--dir DIR]
#
#   (default)    scripts/demo.sh, then scripts/test.sh
#   --main-only  scripts/demo.sh only
#   --no-rtl     scripts/test.sh --no-rtl only: the library, CLI, CNN and
#                training built with -DMXACCEL_RTL=OFF on a root that has
#                only the non-RTL packages (checked: no Verilator, SystemC
#                or Yosys)
#   --keep       keep the root afterwards (default: deleted)
#   --dir DIR    make the root in DIR, which must not exist (default: a new
#                directory under ${TMPDIR:-/var/tmp})
#
# Tests the committed HEAD: uncommitted changes are not in the clone.
# Needs root (mmdebstrap into a directory, mount, chroot) and a reachable
# Debian archive; installs mmdebstrap and git on the host if missing.
# Prints, per command, PASS/FAIL, its wall time and, on failure, its last
# lines; for the main command also the time to its first accuracy line and
# the number of build steps it ran. /proc, /dev and /sys are bound into the
# root and always unbound on exit, also on failure or Ctrl-C.
set -euo pipefail

MXACCEL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=both
keep=0
root=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --main-only) mode=main ;;
    --no-rtl) mode=no-rtl ;;
    --keep) keep=1 ;;
    --dir)
      [[ $# -ge 2 ]] || { echo "fresh-machine: --dir needs a directory" >&2; exit 2; }
      root="$2"
      shift
      ;;
    -h | --help)
      sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "fresh-machine: unknown option '$1' (see --help)" >&2
      exit 2
      ;;
  esac
  shift
done

if [[ -n "$root" && -e "$root" ]]; then
  echo "fresh-machine: --dir $root already exists" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "fresh-machine: must run as root (mmdebstrap, mount and chroot)" >&2
  exit 2
fi
commit="$(git -C "$MXACCEL_ROOT" rev-parse HEAD 2>/dev/null)" || {
  echo "fresh-machine: $MXACCEL_ROOT is not a git checkout" >&2
  exit 2
}
if [[ -n "$(git -C "$MXACCEL_ROOT" status --porcelain --untracked-files=no)" ]]; then
  echo "fresh-machine: note: uncommitted changes are not tested (HEAD is ${commit:0:12})"
fi

host_missing=()
for tool in mmdebstrap git; do
  command -v "$tool" >/dev/null 2>&1 || host_missing+=("$tool")
done
if [[ ${#host_missing[@]} -ne 0 ]]; then
  echo "fresh-machine: installing ${host_missing[*]} on the host"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${host_missing[@]}"; } >/dev/null 2>&1; then
    echo "fresh-machine: could not install ${host_missing[*]} with apt-get" >&2
    exit 1
  fi
fi

if [[ -z "$root" ]]; then
  root="$(mktemp -d "${TMPDIR:-/var/tmp}/mxaccel-fresh.XXXXXX")"
else
  mkdir -p "$root"
fi
root="$(cd "$root" && pwd)"
logdir="$root.logs"
mkdir -p "$logdir"

# Everything mounted below the root, deepest first.
mounts_below_root() {
  awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

# Processes whose root directory is the fresh root (left by an interrupted
# command).
processes_in_root() {
  local p
  for p in /proc/[0-9]*; do
    [[ "$(readlink "$p/root" 2>/dev/null)" == "$root" ]] && echo "${p#/proc/}"
  done
  return 0
}

cleanup() {
  local rc=$? m pids
  trap - EXIT INT TERM
  pids="$(processes_in_root)"
  if [[ -n "$pids" ]]; then
    # shellcheck disable=SC2086 # a list of process ids
    kill $pids 2>/dev/null || true
    sleep 2
    pids="$(processes_in_root)"
    # shellcheck disable=SC2086
    [[ -z "$pids" ]] || kill -9 $pids 2>/dev/null || true
  fi
  for m in $(mounts_below_root); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  if [[ -n "$(mounts_below_root)" ]]; then
    # Never delete through a mount point: that would delete the host's /dev.
    echo "fresh-machine: could not unmount everything below $root; left it in place" >&2
  elif [[ $keep -eq 0 ]]; then
    rm -rf --one-file-system "$root"
  else
    echo "fresh-machine: kept the root in $root"
  fi
  echo "fresh-machine: logs in $logdir"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "fresh-machine: interrupted" >&2; exit 130' INT TERM

t0=$SECONDS
echo "== fresh root: mmdebstrap --variant=apt bookworm $root"
if ! mmdebstrap --variant=apt bookworm "$root" >"$logdir/mmdebstrap.log" 2>&1; then
  echo "fresh-machine: mmdebstrap failed; last lines of $logdir/mmdebstrap.log:" >&2
  tail -n 20 "$logdir/mmdebstrap.log" >&2
  exit 1
fi
echo "   made in $((SECONDS - t0)) s"

clone="$root/root/mxaccel"
echo "== clone of ${commit:0:12} into /root/mxaccel"
git clone --quiet --no-local --no-checkout "$MXACCEL_ROOT" "$clone"
git -C "$clone" checkout --quiet --detach "$commit"

mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
mount --rbind /sys "$root/sys"
mount --make-rslave "$root/sys"

declare -a summary=()
failed=0

# in_root <log> <command line>: runs the command line in the clone under
# chroot with a clean environment and no standard input; prints every line
# of its output into <log> and the first "accuracy" line's time into
# <log>.first.
in_root() {
  local log="$1" cmd="$2" start line
  start=$EPOCHREALTIME
  : >"$log"
  set +e
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/mxaccel && $cmd" </dev/null 2>&1 |
    while IFS= read -r line; do
      printf '%s\n' "$line" >>"$log"
      if [[ ! -e "$log.first" && "$line" == accuracy* ]]; then
        echo "$start $EPOCHREALTIME" >"$log.first"
      fi
    done
  local rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

# run_command <name> <command line>: runs it in the root and records the
# summary lines.
run_command() {
  local name="$1" cmd="$2" log="$logdir/$1.log" rc=0 t
  echo "== $name: $cmd (log: $log)"
  t=$SECONDS
  in_root "$log" "$cmd" || rc=$?
  t=$((SECONDS - t))
  local line
  if [[ $rc -eq 0 ]]; then
    line="PASS  $cmd  (${t} s)"
  else
    line="FAIL  $cmd  (exit $rc, ${t} s)"
    failed=1
  fi
  summary+=("$line")
  if [[ -e "$log.first" ]]; then
    read -r s e <"$log.first"
    summary+=("      first accuracy line after $(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.0f", e - s }') s: $(grep -m1 '^accuracy' "$log")")
  fi
  # Ninja's progress lines [k/N], the last of each ninja run (k starts
  # again at 1).
  local builds
  builds="$(grep -oE '^\[[0-9]+/[0-9]+\]' "$log" | awk -F'[][/]' '
    $2 == 1 && last != "" { out = out sep last; sep = ", " }
    { last = $2 "/" $3 }
    END { if (last != "") print out sep last }')"
  [[ -z "$builds" ]] || summary+=("      build steps run (per ninja run, done/planned): $builds")
  if [[ $rc -ne 0 ]]; then
    summary+=("      last lines of output:")
    while IFS= read -r l; do summary+=("        $l"); done < <(tail -n 25 "$log")
  fi
}

case "$mode" in
  main) run_command demo scripts/demo.sh ;;
  both)
    run_command demo scripts/demo.sh
    run_command test scripts/test.sh
    ;;
  no-rtl)
    run_command test-no-rtl "scripts/test.sh --no-rtl"
    # shellcheck disable=SC2016 # dpkg-query field names, not shell variables
    rtl_present="$(chroot "$root" dpkg-query -W -f='${Package} ${Status}\n' verilator libsystemc-dev yosys 2>/dev/null |
      grep ' install ok installed' || true)"
    if [[ -n "$rtl_present" ]]; then
      summary+=("FAIL  RTL packages were installed on the --no-rtl root: ${rtl_present//$'\n'/, }")
      failed=1
    else
      summary+=("PASS  no verilator, libsystemc-dev or yosys on the root")
    fi
    ;;
esac

echo
echo "================ fresh machine (bookworm, ${commit:0:12}) ================"
printf '  %s\n' "${summary[@]}"
echo "  total $((SECONDS - t0)) s"
if [[ $failed -ne 0 ]]; then
  echo "RESULT: FAILED"
  exit 1
fi
echo "RESULT: all passed"
