#!/usr/bin/env bash
# Cluster init script: authenticate and encrypt traffic between the nodes of a Databricks cluster
# (Spark RPC and shuffle with AES, Spark's TLS endpoints) and encrypt Spark's local spill files.
# Follows Databricks' "Encrypt traffic between cluster worker nodes" (docs.databricks.com/aws/en/
# security/keys/encrypt-otw), except that the shared secret comes from a secret-backed environment
# variable instead of a hash of a keystore kept in DBFS. See docs/node-traffic-encryption-script.md.
#
# Inputs (environment only):
#   NODE_TRAFFIC_ENCRYPTION_SECRET  shared Spark auth secret, >= 64 chars (required)
#   NODE_TRAFFIC_KEYSTORE           custom node-local JKS keystore (optional; default: Databricks' own)
#   NODE_TRAFFIC_KEYSTORE_PASSWORD  its password (only together with NODE_TRAFFIC_KEYSTORE)
#   DB_HOME                         runtime home (default /databricks)
#   DB_IS_DRIVER                    "TRUE" on the driver node (set by Databricks)
#
# Writes, each as one marked block that replaces its previous copy (user lines are kept):
#   every node:  $DB_HOME/spark/conf/spark-defaults.conf  (read by the Spark master and worker daemons)
#   driver only: $DB_HOME/driver/conf/spark-branch.conf    (the driver's HOCON conf)
# and removes the executor-options block that earlier versions put in spark-env.sh.
set -euo pipefail

readonly MIN_SECRET_LEN=64 # 256 bits written as hex
# Databricks "Encrypt traffic between cluster worker nodes": the keystore password is "hardcoded and not
# intended to protect the confidentiality of the keystore"; it is the same on every workspace.
readonly DATABRICKS_KEYSTORE_PASSWORD='gb1gQqZ9ZIHS'
readonly BEGIN_MARK='# >>> node-traffic-encryption (managed by init script, do not edit) >>>'
readonly END_MARK='# <<< node-traffic-encryption <<<'
# The one line of the executor-options block that earlier versions wrote into spark-env.sh.
readonly LEGACY_ENV_LINE_RE='^export SPARK_EXECUTOR_OPTS="[$][{]SPARK_EXECUTOR_OPTS:-[}]"'"'"' -Dspark[.]authenticate=true '

fail() {
  # One line on stderr; never includes a secret value.
  echo "node-traffic-encryption: ERROR: $*" >&2
  exit 1
}

# Values end up in a Java properties file and a HOCON file; a restricted character set rules out
# quoting and injection problems in both.
check_value() {
  local name="$1" value="$2" min_len="$3"
  [[ -n "$value" ]] || fail "$name is not set or empty; refusing to start a cluster without node-to-node encryption"
  if [[ "$value" == *'{{'* || "$value" == *'}}'* ]]; then
    fail "$name looks like an unresolved secret reference ({{secrets/<scope>/<key>}}); check the secret scope and key and the cluster owner's READ permission"
  fi
  ((${#value} >= min_len)) || fail "$name is shorter than $min_len characters"
  [[ "$value" =~ ^[A-Za-z0-9._~+/=-]+$ ]] || fail "$name contains characters outside [A-Za-z0-9._~+/=-]"
}

check_path() {
  local name="$1" value="$2"
  case "$value" in
    /dbfs/* | dbfs:*) fail "$name must be a node-local path, not DBFS ($value)" ;;
    /*) ;;
    *) fail "$name must be an absolute path ($value)" ;;
  esac
  [[ "$value" =~ ^[A-Za-z0-9._/-]+$ ]] || fail "$name contains characters outside [A-Za-z0-9._/-]"
}

DB_HOME="${DB_HOME:-/databricks}"
SECRET="${NODE_TRAFFIC_ENCRYPTION_SECRET:-}"

# --- Validate everything before touching any file, so a failure writes nothing.
check_path DB_HOME "$DB_HOME"
check_value NODE_TRAFFIC_ENCRYPTION_SECRET "$SECRET" "$MIN_SECRET_LEN"
if [[ -n "${NODE_TRAFFIC_KEYSTORE:-}" ]]; then
  KEYSTORE="$NODE_TRAFFIC_KEYSTORE"
  KEYSTORE_PASSWORD="${NODE_TRAFFIC_KEYSTORE_PASSWORD:-}"
  check_path NODE_TRAFFIC_KEYSTORE "$KEYSTORE"
  check_value NODE_TRAFFIC_KEYSTORE_PASSWORD "$KEYSTORE_PASSWORD" 1
elif [[ -n "${NODE_TRAFFIC_KEYSTORE_PASSWORD:-}" ]]; then
  fail "NODE_TRAFFIC_KEYSTORE_PASSWORD is only for a custom NODE_TRAFFIC_KEYSTORE; Databricks' own keystore has a fixed password"
else
  KEYSTORE="$DB_HOME/keys/jetty_ssl_driver_keystore.jks"
  KEYSTORE_PASSWORD="$DATABRICKS_KEYSTORE_PASSWORD"
fi
[[ -f "$KEYSTORE" && -r "$KEYSTORE" ]] || fail "keystore $KEYSTORE does not exist or is not readable"

SPARK_DEFAULTS="$DB_HOME/spark/conf/spark-defaults.conf"
SPARK_ENV="$DB_HOME/spark/conf/spark-env.sh"
DRIVER_CONF="$DB_HOME/driver/conf/spark-branch.conf"

# One list for every file: the Databricks example's settings, plus AES-256 and local I/O encryption.
SETTINGS=(
  "spark.authenticate=true"
  "spark.authenticate.secret=$SECRET"
  "spark.network.crypto.enabled=true"
  "spark.network.crypto.keyLength=256"
  # Never fall back to the weaker SASL DIGEST-MD5 handshake.
  "spark.network.crypto.saslFallback=false"
  "spark.io.encryption.enabled=true"
  "spark.ssl.enabled=true"
  "spark.ssl.keyStore=$KEYSTORE"
  "spark.ssl.keyStorePassword=$KEYSTORE_PASSWORD"
  "spark.ssl.keyPassword=$KEYSTORE_PASSWORD"
  "spark.ssl.protocol=TLSv1.3"
  "spark.ssl.standalone.enabled=true"
  "spark.ssl.ui.enabled=true"
)

# Lines this script writes inside a block: after a begin marker whose end marker is missing, the block
# ends at the first line that is not one of them, so the user lines after it survive.
# Built with bash alone: each external command costs cluster start-up a fork and an exec.
KEYS=()
for kv in "${SETTINGS[@]}"; do
  key="${kv%%=*}"
  KEYS+=("${key//./[.]}")
done
printf -v KEYS_RE '%s|' "${KEYS[@]}"
KEYS_RE="${KEYS_RE%|}"
readonly DEFAULTS_LINE_RE="^($KEYS_RE) [^ ]+\$"
readonly HOCON_LINE_RE="^([[]driver[]] [{]|  \"($KEYS_RE)\" = \"[^\"]*\"|[}])\$"

defaults_block() {
  local kv
  for kv in "${SETTINGS[@]}"; do printf '%s %s\n' "${kv%%=*}" "${kv#*=}"; done
}

hocon_block() {
  local kv
  echo '[driver] {'
  for kv in "${SETTINGS[@]}"; do printf '  "%s" = "%s"\n' "${kv%%=*}" "${kv#*=}"; done
  echo '}'
}

# Prints FILE without any marked block (tolerating CRLF line ends and a missing end marker), then,
# when BLOCK_FN is given, a new block between markers. User lines keep their bytes.
render() {
  local file="$1" line_re="$2" block_fn="${3:-}"
  if [[ -f "$file" ]]; then
    # ENVIRON, not -v: awk would interpret the backslashes of a -v value.
    B="$BEGIN_MARK" E="$END_MARK" RE="$line_re" awk '
      { line = $0; sub(/[ \t\r]+$/, "", line) }
      NR == FNR { if (line == ENVIRON["B"]) kind[FNR] = "b"; else if (line == ENVIRON["E"]) kind[FNR] = "e"; last = FNR; next }
      (FNR in kind) && kind[FNR] == "b" {
        inblock = 1; terminated = 0
        for (n = FNR + 1; n <= last; n++) if (n in kind) { terminated = (kind[n] == "e"); break }
        next
      }
      (FNR in kind) && kind[FNR] == "e" { inblock = 0; next }
      inblock && (terminated || line ~ ENVIRON["RE"]) { next }
      { inblock = 0; print }' "$file" "$file"
  fi
  if [[ -n "$block_fn" ]]; then
    printf '%s\n' "$BEGIN_MARK"
    "$block_fn"
    printf '%s\n' "$END_MARK"
  fi
}

STAGED=()
cleanup() {
  local entry
  for entry in "${STAGED[@]+"${STAGED[@]}"}"; do rm -f -- "${entry%%|*}"; done
}
trap cleanup EXIT

# Stages what COMMAND... prints as the new content of FILE, next to its real target: a symlink keeps
# pointing at its target, which is rewritten. MODE "secret": owner-only (an existing file keeps its
# owner and owner bits; group and others lose all access). MODE "keep": the existing mode, else 0644.
# Each external command costs cluster start a fork and an exec: for an existing file that is not a symlink,
# staging runs stat and chmod (and chown only for a file of another owner); a new owner-only file in an
# existing directory, none.
stage() {
  local file="$1" mode="$2" target tmp attributes mine theirs perms
  shift 2
  target="$file"
  if [[ -L "$file" ]]; then target="$(realpath -m -- "$file")"; fi
  [[ ! -e "$target" || -f "$target" ]] || fail "$file is not a regular file"
  if [[ ! -d "${target%/*}" ]]; then
    (umask 022 && mkdir -p -- "${target%/*}/") # a missing directory is not a secret; target is absolute
  fi
  # Created exclusively (noclobber opens with O_EXCL) and owner-only (umask 077), as mktemp would.
  tmp="$target.node-traffic.$$.$RANDOM$RANDOM"
  set -o noclobber
  { : >"$tmp"; } 2>/dev/null || fail "cannot create $tmp next to $file"
  set +o noclobber
  STAGED+=("$tmp|$target")
  "$@" >>"$tmp"
  if [[ -e "$target" ]]; then
    # "uid:gid mode" of the old file, then of the new one.
    attributes="$(stat -L -c '%u:%g %a' -- "$target" "$tmp")"
    theirs="${attributes%%$'\n'*}"
    mine="${attributes#*$'\n'}"
    if [[ "${theirs% *}" != "${mine% *}" ]]; then
      chown -- "${theirs% *}" "$tmp" || fail "cannot give the new $file the owner of the old one"
    fi
    perms=$((8#${theirs#* }))
    if [[ "$mode" == "secret" ]]; then perms=$((perms & 8#7700)); fi
    printf -v perms '%o' "$perms"
    chmod -- "$perms" "$tmp"
  elif [[ "$mode" != "secret" ]]; then
    chmod 0644 -- "$tmp"
  fi
}

umask 077
stage "$SPARK_DEFAULTS" secret render "$SPARK_DEFAULTS" "$DEFAULTS_LINE_RE" defaults_block
if [[ "${DB_IS_DRIVER:-}" == "TRUE" ]]; then
  stage "$DRIVER_CONF" secret render "$DRIVER_CONF" "$HOCON_LINE_RE" hocon_block
fi
if [[ -f "$SPARK_ENV" ]] && grep -qF -e "$BEGIN_MARK" -e "$END_MARK" -- "$SPARK_ENV"; then
  stage "$SPARK_ENV" keep render "$SPARK_ENV" "$LEGACY_ENV_LINE_RE"
fi

# Everything is staged: move into place (each rename is atomic).
for entry in "${STAGED[@]}"; do mv -f -- "${entry%%|*}" "${entry#*|}"; done
STAGED=()
echo "node-traffic-encryption: wrote $SPARK_DEFAULTS"
if [[ "${DB_IS_DRIVER:-}" == "TRUE" ]]; then echo "node-traffic-encryption: wrote driver conf $DRIVER_CONF"; fi
