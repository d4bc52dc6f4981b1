# shellcheck shell=bash
# What the benchmarks share: the median of a list of numbers (all of scripts/bench-*); and for
# scripts/bench-migrate and scripts/bench-diff, the offline build of the benchmark mains' class path, a private etcd holding a generated cluster of one scale (kept between runs),
# the test services for PostgreSQL and MariaDB (scripts/test --serve), and stopping all of it on
# exit, Ctrl-C included.
#
# Settings (environment):
#   RWSH_BENCH_DIR          where the generated clusters are kept (default ${TMPDIR:-/tmp}/rwsh-bench)
#   RWSH_BENCH_PORT_OFFSET  port offset of the private etcd and the test services (default 50)
#   BENCH_JFR_DIR           record each measured run with JFR into this directory (see docs/performance.md)

bench_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_dir=${RWSH_BENCH_DIR:-${TMPDIR:-/tmp}/rwsh-bench}
bench_offset=${RWSH_BENCH_PORT_OFFSET:-50}
[[ $bench_offset =~ ^[0-9]+$ ]] || { echo "RWSH_BENCH_PORT_OFFSET must be a number" >&2; exit 2; }
# Below the test services' port ranges (scripts/lib/test-services.sh), client and peer 1000 apart.
bench_etcd_port=$((21790 + bench_offset)) bench_etcd_peer_port=$((22790 + bench_offset))
bench_etcd_endpoint=127.0.0.1:$bench_etcd_port

bench_work= bench_etcd_pid= bench_serve_pid= bench_java_pid=

bench_say() { printf '%s\n' "$*" >&2; }
bench_die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
# The median of the numbers on standard input, separated by spaces or newlines (the upper one of an even count).
bench_median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The generator's options per scale: SCALE_JOBS NODES PER_NODE DELTAS (MigrateBench's arguments).
bench_scale_args() {
  case $1 in
    S) echo "0 3 4 40" ;;
    M) echo "200 4 8 2000" ;;
    L) echo "2000 5 50 20000" ;;
    *) bench_die "unknown scale '$1' (S, M or L)" ;;
  esac
}

bench_check_backends() {
  local b
  for b in ${1//,/ }; do
    [[ $b == sqlite || $b == postgres || $b == mysql ]] || bench_die "unknown backend '$b' (sqlite, postgres, mysql)"
  done
}

bench_cleanup() {
  local rc=$?
  trap '' INT TERM
  set +e
  [[ -z $bench_java_pid ]] || { kill -TERM "$bench_java_pid" 2>/dev/null; wait "$bench_java_pid" 2>/dev/null; }
  [[ -z $bench_serve_pid ]] || { kill -TERM "$bench_serve_pid" 2>/dev/null; wait "$bench_serve_pid" 2>/dev/null; }
  [[ -z $bench_etcd_pid ]] || { kill -TERM "$bench_etcd_pid" 2>/dev/null; wait "$bench_etcd_pid" 2>/dev/null; }
  [[ -z $bench_work ]] || rm -rf -- "$bench_work"
  exit "$rc"
}

bench_init() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  bench_work=$(mktemp -d "${TMPDIR:-/tmp}/rwsh-bench-run.XXXXXX")
}

# Compiles the engine and its tests offline and writes their class path. The dependency plugin's
# build-classpath works offline only in the same run as the compile (the reactor then resolves
# meta-codec and generator to their target/classes; alone it looks for them in ~/.m2).
bench_build() {
  local cpfile=$bench_work/classpath.txt
  bench_say "building (mvn -o test-compile; log: $bench_work/build.log)"
  (cd "$bench_repo" && mvn -B -o -q -pl commands -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test) >"$bench_work/build.log" 2>&1 ||
    { tail -n 30 "$bench_work/build.log" >&2; bench_die "the build failed"; }
  bench_cp=$bench_repo/commands/target/test-classes:$bench_repo/commands/target/classes:$(<"$cpfile")
}

# Starts PostgreSQL and MariaDB (and scripts/test's two etcds, unused here) when a backend needs
# them, and exports their RWSH_TEST_* settings.
bench_start_services() {
  [[ ,$1, == *,postgres,* || ,$1, == *,mysql,* ]] || return 0
  local env_file=$bench_work/test-env.sh
  bench_say "starting the test services (scripts/test --serve, port offset $bench_offset; log: $bench_work/serve.log)"
  RWSH_TEST_PORT_OFFSET=$bench_offset RWSH_TEST_ENV_FILE=$env_file "$bench_repo/scripts/test" --serve >"$bench_work/serve.log" 2>&1 &
  bench_serve_pid=$!
  until [[ -f $env_file ]]; do
    kill -0 "$bench_serve_pid" 2>/dev/null || { tail -n 30 "$bench_work/serve.log" >&2; bench_die "scripts/test --serve failed"; }
    sleep 0.2
  done
  # shellcheck disable=SC1090
  source "$env_file"
}

# A private etcd on the cluster of this scale: the one kept from an earlier run when the generator's
# sources are unchanged, else generated now (MigrateBench's generate, which also reads it once).
bench_start_etcd() {
  local scale=$1 args hash data
  args=$(bench_scale_args "$scale")
  hash=$( (cd "$bench_repo" && find generator/src commands/src/test/java/dev/rwsh/commands/testsupport/EtcdKeyValueSink.java -type f -print0 |
    sort -z | xargs -0 sha256sum; echo "$args") | sha256sum | cut -c1-12)
  data=$bench_dir/etcd-$scale-$hash
  mkdir -p "$bench_dir"
  local port
  for port in "$bench_etcd_port" "$bench_etcd_peer_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then bench_die "port $port is in use (another bench run? set RWSH_BENCH_PORT_OFFSET)"; fi
  done
  local fresh=false
  if [[ ! -f $data/complete ]]; then
    rm -rf -- "$bench_dir/etcd-$scale-"*
    fresh=true
  fi
  local client=http://$bench_etcd_endpoint peer=http://127.0.0.1:$bench_etcd_peer_port
  # Room for the largest values (3 MB at L) and the largest clusters.
  ${RWSH_TEST_ETCD_BIN:-etcd} --name bench --data-dir "$data/etcd" \
    --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" --initial-cluster "bench=$peer" \
    --max-request-bytes=10485760 --quota-backend-bytes=8589934592 >"$bench_work/etcd.log" 2>&1 &
  bench_etcd_pid=$!
  until ETCDCTL_API=3 ${RWSH_TEST_ETCDCTL_BIN:-etcdctl} --endpoints "$bench_etcd_endpoint" --dial-timeout=1s endpoint health >/dev/null 2>&1; do
    kill -0 "$bench_etcd_pid" 2>/dev/null || { tail -n 30 "$bench_work/etcd.log" >&2; bench_die "etcd did not start"; }
    sleep 0.2
  done
  if $fresh; then
    bench_say "generating scale $scale into $data (kept for later runs)"
    # shellcheck disable=SC2086
    bench_java MigrateBench "$bench_etcd_endpoint" "$scale" $args generate none
    touch "$data/complete"
  else
    bench_say "reusing the scale $scale cluster in $data"
  fi
}

# bench_java MAIN ARGS...: runs a benchmark main of testsupport on Java 17 in a 512 MiB heap, its
# output shown and kept in $bench_work/out.txt; in the background, so a TERM stops it at once.
bench_java() {
  local main=$1 rc=0 tail_pid
  shift
  : >"$bench_work/out.txt" # before tail opens it: the background java may not have created it yet
  java -Xmx512m -cp "$bench_cp" "dev.rwsh.commands.testsupport.$main" "$@" >"$bench_work/out.txt" 2>&1 </dev/null &
  bench_java_pid=$!
  tail -n +1 -f --pid="$bench_java_pid" "$bench_work/out.txt" >&2 &
  tail_pid=$!
  wait "$bench_java_pid" || rc=$?
  bench_java_pid=
  wait "$tail_pid" 2>/dev/null || true
  ((rc == 0)) || bench_die "$main $* failed (exit $rc)"
}

# The JDK whose `jfr view` summarises recordings (JDK 17's jfr has no `view`).
bench_jfr_tool() {
  local j
  for j in /usr/lib/jvm/*25* /usr/lib/jvm/*2[1-9]*; do
    [[ -x $j/bin/jfr ]] && { echo "$j/bin/jfr"; return; }
  done
  command -v jfr
}

# bench_profile NAME: BENCH_JFR for the next run when BENCH_JFR_DIR is set.
bench_profile() {
  if [[ -n ${BENCH_JFR_DIR:-} ]]; then
    mkdir -p "$BENCH_JFR_DIR"
    export BENCH_JFR=$BENCH_JFR_DIR/$1.jfr
  fi
}

# Writes what the last recording's CPU samples were doing next to it (NAME.shares.txt): the methods
# on top of the stack (self), and the methods and packages anywhere on it (inclusive), as shares of
# all samples. jdk.ExecutionSample counts threads running Java code only: SQLite's C engine (called
# through JNI) and waits on sockets are not in it (jdk.NativeMethodSample, its top frames listed last).
bench_profile_summary() {
  [[ -n ${BENCH_JFR:-} && -f $BENCH_JFR ]] || return 0
  local tool out=${BENCH_JFR%.jfr}.shares.txt
  tool=$(bench_jfr_tool)
  {
    "$tool" print --json --stack-depth 256 --events jdk.ExecutionSample "$BENCH_JFR" | jq -r "$bench_jq_shares"
    echo "native method samples (threads in native code, running or waiting), top frames:"
    "$tool" print --json --stack-depth 1 --events jdk.NativeMethodSample "$BENCH_JFR" |
      jq -r '[.recording.events[].values.stackTrace.frames[0] | (.method.type.name | gsub("/"; ".")) + "." + .method.name] | length as $n
        | group_by(.) | map({k: .[0], c: length}) | sort_by(-.c) | .[:10][] | "  \(.c * 1000 / $n | round / 10)%  \(.k)"'
  } >"$out" 2>&1
  bench_say "profile: $BENCH_JFR (what its samples did: $out)"
}

bench_jq_shares='
  def shares(n; k): group_by(.) | map({k: .[0], c: length}) | sort_by(-.c) | .[:k][] | "  \(.c * 1000 / n | round / 10)%  \(.k)";
  # samples with, for every pattern, a frame that matches it
  def share(s; n; name; patterns): (s | map(select(. as $f | all(patterns[]; . as $p | any($f[]; test($p))))) | length) as $c
    | "  \($c * 1000 / n | round / 10)%  \(name)";
  [.recording.events[].values.stackTrace.frames | map((.method.type.name | gsub("/"; ".")) + "." + .method.name)] as $s
  | ($s | length) as $n
  | "\($n) execution samples",
    "questions (share of samples with such frames on the stack):",
    share($s; $n; "validation pass (MigrationPlan.build)"; ["MigrationPlan\\.build$"]),
    share($s; $n; "write pass (MigrationWriter and its steps; rows sent on the writer thread not included)"; ["MigrationWriter(\\$Step)?\\.run$"]),
    share($s; $n; "sending rows (Batch.send, PostgresCopy, MysqlLoadData; either thread)"; ["Batch\\.send$|PostgresCopy\\.|MysqlLoadData\\."]),
    share($s; $n; "diff (dev.rwsh.commands.diff)"; ["^dev\\.rwsh\\.commands\\.diff\\."]),
    share($s; $n; "  of it JSON values parsed and written again to compare them (DiffValues.json)"; ["DiffValues\\.json$"]),
    share($s; $n; "protobuf parsing (parseFrom, parsePartialFrom)"; ["^com\\.google\\.protobuf\\..*\\.parse|\\.parseFrom$"]),
    share($s; $n; "  of it in the validation pass"; ["^com\\.google\\.protobuf\\..*\\.parse|\\.parseFrom$", "MigrationPlan\\.build$"]),
    share($s; $n; "  of it in the write pass"; ["^com\\.google\\.protobuf\\..*\\.parse|\\.parseFrom$", "MigrationWriter(\\$Step)?\\.run$"]),
    share($s; $n; "protobuf re-encoding (ProstEncoder)"; ["ProstEncoder\\."]),
    share($s; $n; "mysql-connector-j"; ["^com\\.mysql\\."]),
    share($s; $n; "  of it escaping and charset look-ups"; ["^com\\.mysql\\..*([Ee]scape|CharsetMapping|[Cc]harset)"]),
    share($s; $n; "SQLite JDBC, Java side (its C engine: native samples below)"; ["^org\\.sqlite\\."]),
    share($s; $n; "PostgreSQL JDBC"; ["^org\\.postgresql\\."]),
    share($s; $n; "etcd client (jetcd, gRPC, Netty, Vert.x)"; ["^io\\.(etcd|grpc|netty|vertx)\\."]),
    share($s; $n; "Jackson"; ["^com\\.fasterxml\\."]),
    share($s; $n; "jetcd hashing every key and value (ByteSequence.<init>)"; ["^io\\.etcd\\.jetcd\\.ByteSequence\\.<init>$"]),
    share($s; $n; "JFR itself"; ["^jdk\\.jfr\\."]),
    "on top of the stack (self):", ($s | map(.[0]) | shares($n; 25)),
    "anywhere on the stack (inclusive), methods:", ($s | map(unique) | flatten | shares($n; 50)),
    "anywhere on the stack (inclusive), packages:", ($s | map(map(split(".") | .[:-2] | join(".")) | unique) | flatten | shares($n; 25))'
