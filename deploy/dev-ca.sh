#!/usr/bin/env bash
# Makes a development certificate authority and the two certificates the demo and the tests
# use, all signed by that CA:
#   DIR/ca.pem, DIR/ca.key          the CA (its key stays in DIR; never commit it)
#   DIR/server.pem, DIR/server.key  kiosk-central, valid for localhost and 127.0.0.1 (and ::1)
#   DIR/kiosk.pem, DIR/kiosk.key    a kiosk client certificate: CN the terminal id, OU its centre
#   DIR/crl.pem                     the CA's revocation list (empty at first); nginx checks it
#   DIR/ca-db/                      what `openssl ca` needs to revoke and to sign the CRL
# Usage: deploy/dev-ca.sh DIR [TERMINAL_ID [CENTRE]]
#            TERMINAL_ID defaults to DEMO-0001, CENTRE (the service centre it stands in, whose
#            staff see its claims) to DEMO-CENTRE
#        deploy/dev-ca.sh --terminal DIR TERMINAL_ID CENTRE
#            one more kiosk certificate from the CA in DIR: DIR/terminals/TERMINAL_ID.pem/.key
#        deploy/dev-ca.sh --revoke DIR CERT.pem
#            adds CERT to the CA's revocation list and writes a new DIR/crl.pem; a running
#            deploy/central.sh reads it on SIGHUP.
# Existing files in DIR are replaced. The repository ignores *.pem, *.key and deploy/dev-ca/.
set -euo pipefail

days=${DEV_CA_DAYS:-825}
ca_config() {  # the `openssl ca` configuration for the CA in $PWD
  mkdir -p ca-db
  [[ -f ca-db/index.txt ]] || : > ca-db/index.txt
  [[ -f ca-db/crlnumber ]] || echo 01 > ca-db/crlnumber
  cat > ca-db/openssl.cnf <<CNF
[ca]
default_ca = dev
[dev]
database = ca-db/index.txt
crlnumber = ca-db/crlnumber
certificate = ca.pem
private_key = ca.key
default_md = sha256
default_crl_days = $days
CNF
}
write_crl() {
  openssl ca -config ca-db/openssl.cnf -gencrl -out crl.pem 2>/dev/null
  chmod 644 crl.pem
}

if [[ ${1:-} == --revoke ]]; then
  if [[ $# -ne 3 ]]; then
    echo "usage: $0 --revoke DIR CERT.pem" >&2
    exit 2
  fi
  cert=$(realpath "$3")
  cd "$2"
  umask 077
  ca_config
  openssl ca -config ca-db/openssl.cnf -revoke "$cert" 2>/dev/null
  write_crl
  echo "revoked $(openssl x509 -in "$cert" -noout -subject); new $2/crl.pem"
  exit 0
fi
if [[ ${1:-} == --terminal ]]; then
  if [[ $# -ne 4 ]]; then
    echo "usage: $0 --terminal DIR TERMINAL_ID CENTRE" >&2
    exit 2
  fi
  cd "$2"
  umask 077
  mkdir -p terminals
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' >terminals/kiosk.ext
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/O=Kiosk Development/OU=$4/CN=$3" -keyout "terminals/$3.key" -out "terminals/$3.csr" 2>/dev/null
  openssl x509 -req -in "terminals/$3.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days "$days" -sha256 -extfile terminals/kiosk.ext -out "terminals/$3.pem" 2>/dev/null
  rm -f "terminals/$3.csr" terminals/kiosk.ext
  chmod 644 "terminals/$3.pem"
  echo "terminal certificate $2/terminals/$3.pem (CN=$3, OU=$4)"
  exit 0
fi
if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 DIR [TERMINAL_ID [CENTRE]] | $0 --terminal DIR TERMINAL_ID CENTRE | $0 --revoke DIR CERT.pem" >&2
  exit 2
fi
dir=$1
terminal=${2:-DEMO-0001}
centre=${3:-DEMO-CENTRE}
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"
umask 077

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -subj "/O=Kiosk Development/CN=Kiosk Development CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout ca.key -out ca.pem 2>/dev/null

sign() {  # sign NAME SUBJECT EXTFILE
  local name=$1 subject=$2 ext=$3
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "$subject" \
    -keyout "$name.key" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days "$days" -sha256 -extfile "$ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr"
}

cat > server.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
EXT
cat > kiosk.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
EXT

sign server "/O=Kiosk Development/CN=localhost" server.ext
sign kiosk "/O=Kiosk Development/OU=$centre/CN=$terminal" kiosk.ext
rm -f server.ext kiosk.ext ca.srl
rm -rf ca-db  # a new CA starts with nothing revoked
ca_config
write_crl
chmod 644 ca.pem server.pem kiosk.pem
echo "dev CA in $dir: ca.pem crl.pem server.pem server.key kiosk.pem kiosk.key (kiosk CN=$terminal, OU=$centre)"
