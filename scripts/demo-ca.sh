#!/usr/bin/env bash
# Makes a demo certificate authority and one signing certificate per
# official of templates/office.json, so the demo and the tests sign letters
# for real. NOT for production: an office uses the certificates its CA
# (e.g. BSrE) issued to its officials.
#
# Usage: scripts/demo-ca.sh [DIR]   (default: $BERKAS_CERTS, else $BERKAS_HOME/certs, else var/certs)
# Writes DIR/ca.pem (trust this to verify), DIR/<key>.p12 per official with
# the password $BERKAS_P12_PASSWORD (default: berkas-demo). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${BERKAS_CERTS:-${BERKAS_HOME:-var}/certs}}
password=${BERKAS_P12_PASSWORD:-berkas-demo}
mkdir -p "$dir"
chmod 700 "$dir"

if [[ ! -f "$dir/ca.pem" ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -subj "/C=ID/O=berkas demo/CN=berkas Demo CA (not for production)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

grep -o '"key": *"[^"]*"' templates/office.json | sed 's/.*"\([^"]*\)"$/\1/' | while read -r key; do
  [[ -f "$dir/$key.p12" ]] && continue
  name=$(grep -o "\"name\": *\"[^\"]*\", *\"rank\"[^}]*\"key\": *\"$key\"" templates/office.json |
    sed 's/"name": *"\([^"]*\)".*/\1/')
  openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$dir/$key.key" -out "$dir/$key.csr" \
    -subj "/C=ID/O=Dinas Kesehatan (demo)/CN=${name:-$key}" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n' \
    >"$dir/$key.ext"
  openssl x509 -req -in "$dir/$key.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -sha256 -days 825 \
    -extfile "$dir/$key.ext" -out "$dir/$key.pem" 2>/dev/null
  openssl pkcs12 -export -inkey "$dir/$key.key" -in "$dir/$key.pem" -certfile "$dir/ca.pem" -name "$key" \
    -passout "pass:$password" -out "$dir/$key.p12"
  rm -f "$dir/$key.csr" "$dir/$key.ext" "$dir/$key.key"
done
echo "$dir"
