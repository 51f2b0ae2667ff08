#!/usr/bin/env bash
# Runs the whole test suite: formatting check, domain unit tests, integration tests on SQLite AND PostgreSQL,
# and browser tests in Chromium, email tests against a real SMTP server. Installs and starts what it needs (Debian packages) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null || missing+=(nodejs npm)  # the build installs the map's browser libraries with npm ci
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian packages)…"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export MAILLAGE_TEST_POSTGRES="$(scripts/postgres.sh start)"
# A real SMTP server: the email tests send to it and read what arrived (MAILLAGE_TEST_SMTP="host:port directory").
export MAILLAGE_TEST_SMTP="$(scripts/smtp.sh start)"
trap 'scripts/postgres.sh stop; scripts/smtp.sh stop' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== build (warnings are errors)"
dotnet build Maillage.slnx -c Release -v quiet -nologo

echo "== format"
dotnet format Maillage.slnx --verify-no-changes --no-restore -v quiet

echo "== tests (unit, SQLite, PostgreSQL, browser)"
mkdir -p TestResults
status=0
dotnet test Maillage.slnx -c Release --no-build --results-directory TestResults 2>&1 | tee TestResults/test-output.log || status=$?

# One closing line for people and CI: the sum over every test project.
awk '/(Passed|Failed)! *-/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  f += $(i + 1);
         if ($i == "Passed:")  p += $(i + 1);
         if ($i == "Skipped:") s += $(i + 1);
       }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' TestResults/test-output.log
exit $status
