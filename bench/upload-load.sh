#!/usr/bin/env bash
# The upload server under load (docs/benchmarks.md, "The upload server"): 200 concurrent 1 MiB uploads per
# round against the server on H2 (JDBC on the offload pool) and on MariaDB (the coroutine-native client),
# rounds interleaved in one run, each server with a 64 MiB heap.
#
#   bench/upload-load.sh                 # defaults: --uploads 200 --size 1048576 --rounds 5 --heap 64m
#   bench/upload-load.sh --rounds 10     # anything else goes to dev.jcoro.bench.upload.UploadLoad
#
# Starts a throwaway redis-server and MariaDB (mariadb-install-db + mariadbd) on free loopback ports in a
# temporary directory and removes them afterwards. Needs redis-server and mariadb-server installed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ ! -f instrument/target/jcoro-agent.jar || ! -f samples/target/jcoro-samples.jar || ! -f bench/target/benchmarks.jar ]]; then
    mvn -B -q -DskipTests package
fi

work=$(mktemp -d /tmp/jcoro-upload-load.XXXXXX)
redis_pid=
mariadb_pid=
cleanup() {
    [[ -n $redis_pid ]] && kill "$redis_pid" 2>/dev/null || true
    [[ -n $mariadb_pid ]] && kill "$mariadb_pid" 2>/dev/null || true
    [[ -n $mariadb_pid ]] && while kill -0 "$mariadb_pid" 2>/dev/null; do sleep 0.2; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > "$work/redis.log" 2>&1 &
redis_pid=$!

me=$(id -un)
mariadb-install-db --no-defaults --datadir="$work/data" --auth-root-authentication-method=normal --skip-test-db \
    --user="$me" > "$work/install.log" 2>&1
db_port=$(free_port)
"$(command -v mariadbd || echo /usr/sbin/mariadbd)" --no-defaults --datadir="$work/data" --port="$db_port" \
    --bind-address=127.0.0.1 --socket="$work/sock" --pid-file="$work/pid" --user="$me" --log-error="$work/error.log" \
    --skip-name-resolve --character-set-server=utf8mb4 --skip-log-bin --innodb-flush-log-at-trx-commit=2 \
    > "$work/mariadbd.out" 2>&1 &
mariadb_pid=$!
for _ in $(seq 1 300); do
    if [[ -S $work/sock ]] && mariadb --no-defaults --socket="$work/sock" --user=root -e "SELECT 1" > /dev/null 2>&1; then
        break
    fi
    sleep 0.1
done
mariadb --no-defaults --socket="$work/sock" --user=root -e "CREATE DATABASE uploads CHARACTER SET utf8mb4;
    CREATE USER 'load'@'%' IDENTIFIED BY 'load-pw'; GRANT ALL ON uploads.* TO 'load'@'%';"

java -cp bench/target/benchmarks.jar dev.jcoro.bench.upload.UploadLoad --redis "redis://127.0.0.1:$redis_port" \
    --db 'jdbc:h2:file:{work}/db/uploads' --db "mysql://load:load-pw@127.0.0.1:$db_port/uploads" "$@"
