# Shared by the AI benchmarks (recommendations, generations); sourced, not run. Sets up a work
# directory, this machine's servers when they answer (a database, Redis keys, an exchange and queues
# of the run's own, removed on exit) or embedded ones, and `platform NAME PORT ENV...` to start the
# jar with them. The caller sets BENCH (its name) and PORT first.
set -euo pipefail
jar=${BENCH_JAR:-services/launcher/target/atelier.jar}
command -v curl >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl) >/dev/null
[ -f "$jar" ] || mvn -q -B -DskipTests package

work=$(mktemp -d)
pids=()
names="bench-$BENCH-$$"
REDIS_DB=${BENCH_REDIS_DB:-8}
redis_url="" amqp_url="" pg_url="" bench_db=""
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$bench_db" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$redis_url" ] && command -v redis-cli >/dev/null; then
    { redis-cli -n "$REDIS_DB" --scan --pattern "$names*"; redis-cli -n "$REDIS_DB" --scan --pattern "ai:reco:*"
      [ -s "$work/ids" ] && sed 's/^/product:/' "$work/ids"; } | xargs -r -n 500 redis-cli -n "$REDIS_DB" DEL >/dev/null 2>&1 || true
  fi
  if [ -n "$amqp_url" ] && command -v rabbitmqctl >/dev/null; then
    { rabbitmqctl list_queues -q --no-table-headers name 2>/dev/null | grep "^$names\." | sed 's/^/queue /'
      rabbitmqctl list_exchanges -q --no-table-headers name 2>/dev/null | grep "^$names\." | sed 's/^/exchange /'
    } | java -cp "$jar" dev.atelier.launcher.bench.DeleteBrokerObjects "$amqp_url" 2>/dev/null || true
  fi
  [ -n "${BENCH_KEEP_LOGS:-}" ] && mkdir -p "$BENCH_KEEP_LOGS" && cp "$work"/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() { # port path
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$BENCH: nothing answered on :$1$2" >&2
  cat "$work"/*.log >&2
  return 1
}

servers="embedded PostgreSQL"
embedded_only=${BENCH_EMBEDDED:-0}
if [ "$embedded_only" != 1 ] && listening 5432 && command -v psql >/dev/null 2>&1; then
  bench_db="atelier_bench_${BENCH}_$$"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $bench_db" >/dev/null
  pg_url="postgresql://postgres@127.0.0.1:5432/$bench_db"
  servers="local PostgreSQL"
fi
if [ "$embedded_only" != 1 ] && listening 6379; then
  redis_url="redis://127.0.0.1:6379/$REDIS_DB"
  servers="$servers, local Redis"
else
  servers="$servers, embedded Redis"
fi
if [ "$embedded_only" != 1 ] && listening 5672; then
  amqp_url="amqp://guest:guest@127.0.0.1:5672"
  servers="$servers, local RabbitMQ"
else
  servers="$servers, embedded AMQP broker"
fi

# rate limits stay on, so their cost is in the figures, but high enough that nothing is refused
RATE_LIMITS_HIGH=()
for class in READ WRITE ANONYMOUS AUTH LOGIN_EMAIL; do
  RATE_LIMITS_HIGH+=("ATELIER_RATE_LIMIT_${class}_RATE_PER_SECOND=10000000" "ATELIER_RATE_LIMIT_${class}_BURST=10000000")
done

platform() { # name port extra-env...
  local name=$1 port=$2
  shift 2
  env ATELIER_DATA_DIR="$work/$name" ATELIER_HTTP_PORT="$port" ATELIER_PG_URL="$pg_url" ATELIER_REDIS_URL="$redis_url" \
    ATELIER_EMBEDDED_PG_PORT=$((port + 10)) ATELIER_EMBEDDED_REDIS_PORT=$((port + 20)) ATELIER_EMBEDDED_AMQP_PORT=$((port + 30)) \
    ATELIER_AMQP_URL="$amqp_url" ATELIER_LOG_LEVEL=WARN ATELIER_MESSAGING_EXCHANGE="$names.events" \
    ATELIER_MESSAGING_QUEUE_PREFIX="$names." ATELIER_RATE_LIMIT_KEY_PREFIX="$names:" "${RATE_LIMITS_HIGH[@]}" "$@" \
    java -jar "$jar" >"$work/$name.log" 2>&1 &
  pids+=($!)
  wait_http "$port" /health/ready
}

token() { # data-dir-name role [user ids]
  local dir=$1
  shift
  ATELIER_DATA_DIR="$work/$dir" ATELIER_LOG_LEVEL=WARN java -cp "$jar" dev.atelier.launcher.DevToken "$@"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
