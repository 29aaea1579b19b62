# Shared by .ci/run and .ci/bench: PostgreSQL and Redis on this machine, started when down,
# and a loud failure when one cannot be reached.

PG_URL="postgres://postgres@127.0.0.1:5432/test"
REDIS_URL_CI="redis://127.0.0.1:6379"

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    step "PostgreSQL is down: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL at 127.0.0.1:5432 cannot be reached"
  psql "$PG_URL" -qtAc 'select 1' >/dev/null || die "PostgreSQL: cannot open database test as postgres"
}

ensure_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    step "Redis is down: starting it"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
  fi
  [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ] || die "Redis at 127.0.0.1:6379 cannot be reached"
}
