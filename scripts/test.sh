#!/usr/bin/env bash
# The project's test command (README, CI): installs what the tests need when it is absent, then runs every
# test of every module with `mvn -B verify` at the repository root. Extra arguments go to Maven,
# e.g. `scripts/test.sh -pl tools`.
#
# Installed when absent (Debian packages, as root or through sudo):
#   java + mvn   openjdk-17-jdk-headless, maven   (the build itself)
#   kcat         kcat                             (e2e/kcat/kcat-test.sh)
#   node + npm   nodejs, npm                      (e2e/kafkajs/kafkajs-test.js)
#   initdb       postgresql                       (connectors: the PostgreSQL CDC tests start a private server
#                                                  from /usr/lib/postgresql/*/bin, where Debian puts it, or PATH)
# and the KafkaJS test's npm packages with `npm ci` in e2e/kafkajs when its node_modules is missing.
#
# MILLRACE_E2E_REQUIRED=1 is exported: tests that drive kcat or KafkaJS fail, rather than skip, when their
# client is missing, so a run of this script never passes without them.
set -euo pipefail

ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { echo "test.sh: $*"; }
die() {
  echo "test.sh: ERROR: $*" >&2
  exit 1
}

APT_UPDATED=no
apt_install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "installing $* needs root or sudo; install it by hand and rerun"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "$* is missing and this machine has no apt-get; install it by hand"
  if [[ $APT_UPDATED == no ]]; then
    say "apt-get update"
    "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=yes
  fi
  say "installing $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# need COMMAND DEBIAN-PACKAGE...: installs the packages when COMMAND is not on PATH.
need() {
  local cmd=$1
  shift
  if ! command -v "$cmd" >/dev/null 2>&1; then
    apt_install "$@"
    command -v "$cmd" >/dev/null 2>&1 || die "$cmd is still missing after installing $*"
  fi
}

need java openjdk-17-jdk-headless
need mvn maven
need kcat kcat
need node nodejs
need npm npm

# Debian's server binaries live in /usr/lib/postgresql/<version>/bin, off PATH, so `need` cannot find them
have_initdb() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1
}
if ! have_initdb; then
  apt_install postgresql
  have_initdb || die "initdb is still missing after installing postgresql"
fi

if [[ ! -d e2e/kafkajs/node_modules/kafkajs ]]; then
  say "npm ci in e2e/kafkajs"
  (cd e2e/kafkajs && npm ci --no-audit --no-fund) || die "npm ci in e2e/kafkajs failed"
fi

say "java: $(java -version 2>&1 | head -n1); kcat: $(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*/\1/p'); node: $(node --version)"

export MILLRACE_E2E_REQUIRED=1
say "mvn -B verify $*"
mvn -B verify "$@"
