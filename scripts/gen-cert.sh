#!/usr/bin/env bash
# A self-signed certificate for trying TLS locally (never for production): certs/cert.pem and
# certs/key.pem by default, valid for localhost and 127.0.0.1 for DAYS days (365).
#   scripts/gen-cert.sh [DIR]
set -euo pipefail
dir=${1:-certs}
days=${DAYS:-365}
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
chmod 600 "$dir/key.pem"
echo "wrote $dir/cert.pem and $dir/key.pem (self-signed, $days days, localhost and 127.0.0.1)"
