# shellcheck shell=bash
# Throwaway etcd, PostgreSQL and MariaDB servers for rwsh's tests; sourced by scripts/test.
#
# Every server keeps its data in one temp dir ($svc_dir), listens on 127.0.0.1 only and on a
# non-default port, and is started directly (never through systemd/init), so a test run cannot
# disturb, or be disturbed by, the distro's own services and data.

# RWSH_TEST_PORT_OFFSET moves every port, so that a second run (a clean clone's, say) can run
# beside a `scripts/test --serve` that others are using. Each service's ports sit in a range of
# their own (etcd's peer ports 1000 above its client ports, not next to them), so any two offsets
# up to 400 that are at least 2 apart never share a port.
port_offset=${RWSH_TEST_PORT_OFFSET:-0}
[[ $port_offset =~ ^[0-9]+$ ]] || { echo "RWSH_TEST_PORT_OFFSET must be a number" >&2; exit 2; }
ETCD1_PORT=$((23790 + port_offset)) ETCD1_PEER_PORT=$((24790 + port_offset))
ETCD2_PORT=$((23791 + port_offset)) ETCD2_PEER_PORT=$((24791 + port_offset))
PG_PORT=$((25432 + port_offset))
MYSQL_PORT=$((23306 + port_offset))
STARTUP_TIMEOUT=30 # seconds, per service
STOP_TIMEOUT=20    # seconds, for all services together

PACKAGES=(etcd-server etcd-client postgresql mariadb-server mariadb-client tmux sqlite3 openssl)

# "<owner pid> <temp dir>" of the run that currently owns the ports, so that a run can clean up
# the servers of an earlier one that was SIGKILLed before it could stop them.
STATE_FILE=${TMPDIR:-/tmp}/rwsh-test-services.state
((port_offset == 0)) || STATE_FILE=${TMPDIR:-/tmp}/rwsh-test-services-$port_offset.state

svc_dir= # the temp dir; set by make_service_dir

say() { printf '%s\n' "$*"; }
die() {
  printf 'scripts/test: error: %s\n' "$*" >&2
  exit 1
}
now_ms() { local us=${EPOCHREALTIME//[!0-9]/}; echo $((us / 1000)); }
elapsed() { local ms=$(($(now_ms) - $1)); printf '%d.%01ds' $((ms / 1000)) $((ms % 1000 / 100)); }
# ready <name> <port> <start ms>: the one line each service prints.
ready() { printf '%-9s ready at 127.0.0.1:%s in %s\n' "$1" "$2" "$(elapsed "$3")"; }

# --- packages -------------------------------------------------------------------------------

is_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

install_missing_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done
  ((${#missing[@]})) || return 0
  ((EUID == 0)) || die "packages missing (${missing[*]}); install them or run as root"
  say "installing ${missing[*]} (log: $svc_dir/apt.log)"
  local start_ms rc=0
  start_ms=$(now_ms)
  with_service_autostart_blocked apt_install "${missing[@]}" >"$svc_dir/apt.log" 2>&1 || rc=$?
  if ((rc != 0)); then
    tail -n 30 "$svc_dir/apt.log" >&2
    die "apt-get failed (exit $rc)"
  fi
  say "installed packages in $(elapsed "$start_ms")"
}

apt_install() {
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# Debian's postinst scripts start each packaged daemon (PostgreSQL on 5432, MariaDB on 3306, etcd
# on 2379) unless /usr/sbin/policy-rc.d forbids it. Docker images ship one that does; elsewhere we
# add one for the duration of the install, so the only servers running are the ones we start.
with_service_autostart_blocked() {
  local policy=/usr/sbin/policy-rc.d rc=0
  if [[ -e $policy ]]; then
    "$@"
    return
  fi
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  "$@" || rc=$?
  rm -f "$policy"
  return "$rc"
}

# --- processes ------------------------------------------------------------------------------

# True if pid is a live (not zombie) process whose command line contains the given text. The
# text check keeps us from signalling an unrelated process that reused a stale pid.
pid_runs() {
  local pid=$1 text=$2 stat cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  # `read <file`, not `$(<file)`: under set -e bash exits outright when the latter's file is gone.
  read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
  stat=${stat##*) } # the fields after "(comm)"; the first one is the state
  [[ ${stat%% *} != Z ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$text"* ]]
}

# Each server as "name pidfile stop-signal"; the pid files are relative to the temp dir. For
# PostgreSQL, SIGINT is exactly what `pg_ctl stop -m fast` sends; using the signal directly lets
# one code path stop both our own servers and those left behind by a killed run.
SERVICES=(
  "etcd1 etcd1.pid TERM"
  "etcd2 etcd2.pid TERM"
  "postgres postgres/data/postmaster.pid INT"
  "mariadb mariadb.pid TERM"
)

# Stops the servers whose pid files are under dir: signal all, then wait for all (so they shut
# down in parallel), SIGKILLing whatever is still there after STOP_TIMEOUT.
stop_services() {
  local dir=$1 entry name pidfile sig pid pids=()
  for entry in "${SERVICES[@]}"; do
    read -r name pidfile sig <<<"$entry"
    [[ -f $dir/$pidfile ]] || continue
    pid=$(head -n 1 "$dir/$pidfile")
    # The data dir is on every server's command line.
    pid_runs "$pid" "$dir/" || continue
    kill -s "$sig" "$pid" 2>/dev/null && pids+=("$pid")
  done
  local deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while pid_runs "$pid" "$dir/" && ((SECONDS < deadline)); do sleep 0.1; done
    if pid_runs "$pid" "$dir/"; then
      printf 'scripts/test: pid %s did not stop in %ss; killing it\n' "$pid" "$STOP_TIMEOUT" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true # reaps it if it is our child
  done
  return 0
}

# Called with a service that did not come up: show why, then fail (the EXIT trap cleans up).
startup_failed() {
  local name=$1 log=$2 reason=$3
  printf '%s: last lines of %s:\n' "$name" "$log" >&2
  tail -n 30 "$log" >&2
  die "$name $reason"
}

# wait_until_ready <name> <pid> <log> <command...>: poll command until it succeeds.
wait_until_ready() {
  local name=$1 pid=$2 log=$3 deadline=$((SECONDS + STARTUP_TIMEOUT))
  shift 3
  until "$@" >/dev/null 2>&1; do
    pid_runs "$pid" "$svc_dir/" || startup_failed "$name" "$log" "exited during startup"
    ((SECONDS < deadline)) || startup_failed "$name" "$log" "not ready after ${STARTUP_TIMEOUT}s"
    sleep 0.1
  done
}

# --- lifecycle ------------------------------------------------------------------------------

# Refuses to start while another run owns the ports; stops the servers of a dead run.
reclaim_leftovers() {
  [[ -f $STATE_FILE ]] || return 0
  local owner dir
  read -r owner dir <"$STATE_FILE"
  if pid_runs "$owner" scripts/test; then
    die "services already running, owned by pid $owner (a 'scripts/test --serve'?); stop it first"
  fi
  say "stopping services left behind by an earlier run (pid $owner, $dir)"
  stop_services "$dir"
  rm -rf -- "$dir"
  rm -f -- "$STATE_FILE"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports_free() {
  local port
  for port in "$ETCD1_PORT" "$ETCD1_PEER_PORT" "$ETCD2_PORT" "$ETCD2_PEER_PORT" "$PG_PORT" "$MYSQL_PORT"; do
    if port_in_use "$port"; then
      die "port $port on 127.0.0.1 is already in use by another program; free it (see: ss -ltnp)"
    fi
  done
}

make_service_dir() {
  svc_dir=$(mktemp -d "${TMPDIR:-/tmp}/rwsh-test.XXXXXX")
  # mktemp makes it 0700; PostgreSQL runs as the postgres user and must reach its data dir inside.
  chmod 755 "$svc_dir"
  printf '%s %s\n' "$$" "$svc_dir" >"$STATE_FILE"
}

remove_service_dir() {
  [[ -n $svc_dir ]] || return 0
  stop_services "$svc_dir"
  rm -rf -- "$svc_dir"
  # Only remove the state file if it is still ours.
  [[ $(cat "$STATE_FILE" 2>/dev/null) != "$$ $svc_dir" ]] || rm -f -- "$STATE_FILE"
}

# --- etcd -----------------------------------------------------------------------------------

# etcd 3.4 refuses to start on architectures it does not officially support unless
# ETCD_UNSUPPORTED_ARCH names the (Go) architecture; amd64 needs nothing.
allow_etcd_arch() {
  local arch
  arch=$(dpkg --print-architecture)
  case $arch in
    amd64) return 0 ;;
    ppc64el) arch=ppc64le ;;
    armhf | armel) arch=arm ;;
    i386) arch=386 ;;
  esac
  export ETCD_UNSUPPORTED_ARCH=${ETCD_UNSUPPORTED_ARCH:-$arch}
}

# start_etcd <name> <client port> <peer port>: a single-member cluster; returns at once.
start_etcd() {
  local name=$1 client=http://127.0.0.1:$2 peer=http://127.0.0.1:$3
  etcd --name "$name" --data-dir "$svc_dir/$name" \
    --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "$name=$peer" --initial-cluster-state new \
    >"$svc_dir/$name.log" 2>&1 &
  echo "$!" >"$svc_dir/$name.pid"
}

wait_for_etcd() {
  local name=$1 port=$2 start_ms=$3
  wait_until_ready "$name" "$(<"$svc_dir/$name.pid")" "$svc_dir/$name.log" \
    etcdctl --endpoints="127.0.0.1:$port" --dial-timeout=1s endpoint health
  ready "$name" "$port" "$start_ms"
}

# --- PostgreSQL -----------------------------------------------------------------------------

# initdb and postgres refuse to run as root.
as_postgres() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  [[ -x ${dirs[-1]}/initdb ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  # The glob sorts 9.x after 15, but Debian 12 ships exactly one version.
  echo "${dirs[-1]}/$1"
}

start_postgres() {
  # The server log is inside dir because the server, not this script, writes it.
  local start_ms dir=$svc_dir/postgres init_log=$svc_dir/initdb.log log=$svc_dir/postgres/postgres.log
  start_ms=$(now_ms)
  mkdir "$dir"
  ((EUID != 0)) || chown postgres: "$dir"
  # C locale + UTF8: works in minimal containers that have no locales generated. --no-sync: a
  # throwaway cluster need not reach the disk.
  as_postgres "$(pg_bin initdb)" -D "$dir/data" -U postgres -E UTF8 --no-locale --no-sync >"$init_log" 2>&1 ||
    startup_failed postgres "$init_log" "initdb failed"
  cat >>"$dir/data/postgresql.conf" <<EOF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
# Durability is pointless for a throwaway test database; speed is not.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  # The local socket (only used by this script, to set up roles) trusts everyone; TCP, which the
  # tests use, requires a real password so that wrong-password handling can be tested.
  cat >"$dir/data/pg_hba.conf" <<EOF
local all all               trust
host  all all 127.0.0.1/32  scram-sha-256
EOF
  as_postgres "$(pg_bin pg_ctl)" start -D "$dir/data" -l "$log" -w -t "$STARTUP_TIMEOUT" >/dev/null ||
    startup_failed postgres "$log" "did not start"
  psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$PG_PORT" -U postgres -d postgres >/dev/null <<'SQL' ||
CREATE ROLE rwsh_admin LOGIN SUPERUSER PASSWORD 'rwsh_admin';
CREATE ROLE rwsh LOGIN PASSWORD 'rwsh';
CREATE DATABASE rwsh OWNER rwsh;
SQL
    startup_failed postgres "$log" "could not create the rwsh roles"
  ready postgres "$PG_PORT" "$start_ms"
}

# --- MariaDB --------------------------------------------------------------------------------

start_mariadb() {
  local start_ms pid dir=$svc_dir/mariadb log=$svc_dir/mariadb.log me
  me=$(id -un)
  start_ms=$(now_ms)
  # --no-defaults everywhere: /etc/mysql/*.cnf would move the socket, logs and data to the
  # packaged server's places. --user is the OS account that runs mariadbd (which refuses to run
  # as root unless told so) and the one allowed in as superuser: install-db's default socket
  # authentication creates just root@localhost (and an account named --user), reachable only over
  # the unix socket by that OS user, and no anonymous or password-less accounts.
  mariadb-install-db --no-defaults --user="$me" --datadir="$dir/data" --skip-test-db >"$log" 2>&1 ||
    startup_failed mariadb "$log" "mariadb-install-db failed"
  # --skip-name-resolve: no reverse DNS lookup per connection (there is no DNS in CI); users are
  # therefore matched by IP (127.0.0.1) or '%', never by 'localhost', over TCP.
  mariadbd --no-defaults --user="$me" --datadir="$dir/data" --socket="$dir/mariadbd.sock" \
    --port="$MYSQL_PORT" --bind-address=127.0.0.1 --pid-file="$dir/mariadbd.pid" \
    --skip-name-resolve --skip-log-bin --innodb-flush-log-at-trx-commit=0 >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$svc_dir/mariadb.pid"
  wait_until_ready mariadb "$pid" "$log" mariadb-admin --no-defaults --socket="$dir/mariadbd.sock" -u"$me" ping
  # The '127.0.0.1' accounts are what TCP clients match; the 'localhost' ones serve socket
  # clients and keep a later-added anonymous ''@'localhost' from shadowing rwsh there.
  mariadb --no-defaults --socket="$dir/mariadbd.sock" -u"$me" <<'SQL' ||
CREATE DATABASE rwsh;
CREATE USER 'rwsh_admin'@'127.0.0.1' IDENTIFIED BY 'rwsh_admin';
CREATE USER 'rwsh_admin'@'localhost' IDENTIFIED BY 'rwsh_admin';
GRANT ALL PRIVILEGES ON *.* TO 'rwsh_admin'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'rwsh_admin'@'localhost' WITH GRANT OPTION;
CREATE USER 'rwsh'@'%' IDENTIFIED BY 'rwsh';
CREATE USER 'rwsh'@'127.0.0.1' IDENTIFIED BY 'rwsh';
CREATE USER 'rwsh'@'localhost' IDENTIFIED BY 'rwsh';
GRANT ALL PRIVILEGES ON rwsh.* TO 'rwsh'@'%';
GRANT ALL PRIVILEGES ON rwsh.* TO 'rwsh'@'127.0.0.1';
GRANT ALL PRIVILEGES ON rwsh.* TO 'rwsh'@'localhost';
SQL
    startup_failed mariadb "$log" "could not create the rwsh users"
  # Prove the path the tests take: TCP with a password.
  mariadb --no-defaults -h 127.0.0.1 -P "$MYSQL_PORT" -urwsh -prwsh rwsh -e 'SELECT 1' >/dev/null ||
    startup_failed mariadb "$log" "rejects rwsh over TCP"
  ready mariadb "$MYSQL_PORT" "$start_ms"
}

# --- all together ---------------------------------------------------------------------------

start_services() {
  local start_ms
  start_ms=$(now_ms)
  allow_etcd_arch
  # The two etcds start together; the second comes up while we wait for the first.
  start_etcd etcd1 "$ETCD1_PORT" "$ETCD1_PEER_PORT"
  start_etcd etcd2 "$ETCD2_PORT" "$ETCD2_PEER_PORT"
  wait_for_etcd etcd1 "$ETCD1_PORT" "$start_ms"
  wait_for_etcd etcd2 "$ETCD2_PORT" "$start_ms"
  start_postgres
  start_mariadb
  say "all services ready in $(elapsed "$start_ms") (data and logs: $svc_dir)"
}

# The environment the tests read, as NAME=value lines.
test_env() {
  cat <<EOF
RWSH_TEST_ETCD=127.0.0.1:$ETCD1_PORT
RWSH_TEST_ETCD2=127.0.0.1:$ETCD2_PORT
RWSH_TEST_POSTGRES_URL=postgres://rwsh:rwsh@127.0.0.1:$PG_PORT/rwsh
RWSH_TEST_POSTGRES_ADMIN_URL=postgres://rwsh_admin:rwsh_admin@127.0.0.1:$PG_PORT/postgres
RWSH_TEST_MYSQL_URL=mysql://rwsh:rwsh@127.0.0.1:$MYSQL_PORT/rwsh
RWSH_TEST_MYSQL_ADMIN_URL=mysql://rwsh_admin:rwsh_admin@127.0.0.1:$MYSQL_PORT/mysql
RWSH_TEST_TMPDIR=$svc_dir
RWSH_TEST_ETCD_BIN=$(command -v etcd)
RWSH_TEST_ETCDCTL_BIN=$(command -v etcdctl)
ETCDCTL_API=3
EOF
}
