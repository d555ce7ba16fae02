#!/usr/bin/env bash
# Cluster init script: authenticate and encrypt all traffic between Databricks
# cluster nodes (Spark RPC, shuffle/block transfer, TLS endpoints) and encrypt
# Spark's local spill files. See docs/node-traffic-encryption-script.md.
#
# Inputs (environment only, so nothing sensitive lives in this file or in DBFS):
#   NODE_TRAFFIC_ENCRYPTION_SECRET  shared Spark auth secret, >= 64 chars  (required)
#   NODE_TRAFFIC_KEYSTORE_PASSWORD  password of the node-local JKS keystore (required)
#   NODE_TRAFFIC_KEYSTORE           keystore path (default $DB_HOME/keys/jetty_ssl_driver_keystore.jks)
#   DB_HOME                         runtime home (default /databricks)
#   DB_IS_DRIVER                    "TRUE" on the driver node (set by Databricks)
set -euo pipefail

readonly MIN_SECRET_LEN=64 # 256 bits written as hex
readonly BEGIN_MARK='# >>> node-traffic-encryption (managed by init script, do not edit) >>>'
readonly END_MARK='# <<< node-traffic-encryption <<<'

fail() {
  # One line on stderr; never include secret values.
  echo "node-traffic-encryption: ERROR: $*" >&2
  exit 1
}

# Validate a value that will be embedded in a sourced shell file and in HOCON.
# A restricted character set rules out quoting/injection problems in both.
check_value() {
  local name="$1" value="$2" min_len="$3"
  [[ -n "$value" ]] || fail "$name is not set or empty; refusing to start a cluster without node-to-node encryption"
  if [[ "$value" == *'{{'* || "$value" == *'}}'* ]]; then
    fail "$name looks like an unresolved secret reference ({{secrets/<scope>/<key>}}); check the secret scope/key and the cluster owner's READ permission"
  fi
  ((${#value} >= min_len)) || fail "$name is shorter than $min_len characters"
  [[ "$value" =~ ^[A-Za-z0-9._~+/=-]+$ ]] || fail "$name contains characters outside [A-Za-z0-9._~+/=-]"
}

DB_HOME="${DB_HOME:-/databricks}"
KEYSTORE="${NODE_TRAFFIC_KEYSTORE:-$DB_HOME/keys/jetty_ssl_driver_keystore.jks}"
DRIVER_CONF="$DB_HOME/driver/conf/00-node-traffic-encryption.conf"
SPARK_ENV="$DB_HOME/spark/conf/spark-env.sh"
SECRET="${NODE_TRAFFIC_ENCRYPTION_SECRET:-}"
KEYSTORE_PASSWORD="${NODE_TRAFFIC_KEYSTORE_PASSWORD:-}"

# --- Validate everything before touching any file, so a failure writes nothing.
check_value NODE_TRAFFIC_ENCRYPTION_SECRET "$SECRET" "$MIN_SECRET_LEN"
# TLS is always on, so the keystore password is always required.
check_value NODE_TRAFFIC_KEYSTORE_PASSWORD "$KEYSTORE_PASSWORD" 1
# The keystore must be the node's local copy: DBFS is readable by any user with DBFS access.
case "$KEYSTORE" in
  /dbfs/* | dbfs:*) fail "NODE_TRAFFIC_KEYSTORE must be a node-local path, not DBFS ($KEYSTORE)" ;;
  /*) ;;
  *) fail "NODE_TRAFFIC_KEYSTORE must be an absolute path ($KEYSTORE)" ;;
esac
[[ "$KEYSTORE" =~ ^[A-Za-z0-9._/-]+$ ]] || fail "NODE_TRAFFIC_KEYSTORE contains unsupported characters"
[[ -r "$KEYSTORE" ]] || fail "keystore $KEYSTORE does not exist or is not readable"

# Single source of truth for the settings; driver and executors get the same set.
SETTINGS=(
  "spark.authenticate=true"
  "spark.authenticate.secret=$SECRET"
  "spark.authenticate.enableSaslEncryption=true"
  "spark.network.crypto.enabled=true"
  "spark.network.crypto.keyLength=256"
  # Never fall back to the weaker SASL DIGEST-MD5 handshake.
  "spark.network.crypto.saslFallback=false"
  "spark.io.encryption.enabled=true"
  "spark.ssl.enabled=true"
  "spark.ssl.protocol=TLSv1.3"
  "spark.ssl.keyStore=$KEYSTORE"
  "spark.ssl.keyStorePassword=$KEYSTORE_PASSWORD"
  "spark.ssl.keyPassword=$KEYSTORE_PASSWORD"
  "spark.ssl.trustStore=$KEYSTORE"
  "spark.ssl.trustStorePassword=$KEYSTORE_PASSWORD"
)

# Files written here contain the secret: keep them private to the owner.
umask 077

# Write via a temp file in the target directory, then move, so a node never
# sees a half-written file. An existing file keeps its mode; a new one is 0600.
write_file() {
  local target="$1" tmp
  mkdir -p "$(dirname "$target")"
  tmp="$(mktemp "$target.XXXXXX")"
  cat >"$tmp"
  if [[ -e "$target" ]]; then chmod --reference="$target" "$tmp"; fi
  mv -f "$tmp" "$target"
}

if [[ "${DB_IS_DRIVER:-}" == "TRUE" ]]; then
  # The driver reads HOCON files from $DB_HOME/driver/conf; this one is owned
  # (and fully overwritten) by this script.
  {
    echo '[driver] {'
    for kv in "${SETTINGS[@]}"; do
      printf '  "%s" = "%s"\n' "${kv%%=*}" "${kv#*=}"
    done
    echo '}'
  } | write_file "$DRIVER_CONF"
  echo "node-traffic-encryption: wrote driver conf $DRIVER_CONF"
fi

# Executors are launched by the node's Spark worker, which sources spark-env.sh:
# replace our marked block (idempotent) and keep everything else untouched.
existing=""
if [[ -f "$SPARK_ENV" ]]; then
  existing="$(awk -v b="$BEGIN_MARK" -v e="$END_MARK" '
    $0 == b { skip = 1; next }
    $0 == e { skip = 0; next }
    !skip' "$SPARK_ENV")"
fi
opts=""
for kv in "${SETTINGS[@]}"; do
  opts+=" -D$kv"
done
{
  if [[ -n "$existing" ]]; then printf '%s\n' "$existing"; fi
  printf '%s\n' "$BEGIN_MARK"
  # Single quotes keep the -D flags literal; the current value is prepended at source time.
  # shellcheck disable=SC2016 # intentional: expanded when spark-env.sh is sourced
  printf 'export SPARK_EXECUTOR_OPTS="${SPARK_EXECUTOR_OPTS:-}"'\''%s'\''\n' "$opts"
  printf '%s\n' "$END_MARK"
} | write_file "$SPARK_ENV"
echo "node-traffic-encryption: wrote executor options block in $SPARK_ENV"
