#!/usr/bin/env bash
# Canary deploys of the Cloud Run services, run by cloudbuild.yaml (docs/deploy.md, "How a deploy goes"):
#
#   cloud-deploy.sh deploy SERVICE [gcloud run deploy flags...]   a revision tagged `canary`, taking no traffic
#   cloud-deploy.sh smoke-canaries                                 the public services' canaries, through the edge
#   cloud-deploy.sh promote SERVICE...                             traffic to the canaries, checked; rolled back on failure
#
# Secrets are pinned: in a --set-secrets flag, `secret:current` becomes the number of the secret's newest enabled
# version, resolved once here, so every instance of the revision reads the same one; an entry with an empty version
# (`NAME=secret:`) is left out (an optional secret such as QR_SECRET_PREVIOUS).
#
# Environment: REGION, PROJECT_ID, PROJECT_NUMBER; for the smoke checks API_DOMAIN, IMAGES_DOMAIN, GALLERY_DOMAIN,
# AUTH_ISSUER, AUTH_AUDIENCE, SMOKE_CLIENT_ID and SMOKE_CLIENT_SECRET (an Auth0 client with read:participants).
set -euo pipefail

CANARY_TAG=canary
CANARY_PATH=/__canary
PUBLIC_SERVICES=(backend-api image-server gallery-api)
PREVIOUS=$(mktemp)

log() { printf '%s\n' "$*" >&2; }

run_url() { printf 'https://%s-%s.%s.run.app' "$1" "$PROJECT_NUMBER" "$REGION"; }

domain_of() {
  case "$1" in
    backend-api) printf '%s' "$API_DOMAIN" ;;
    image-server) printf '%s' "$IMAGES_DOMAIN" ;;
    gallery-api) printf '%s' "$GALLERY_DOMAIN" ;;
    *) log "no public domain for $1"; return 1 ;;
  esac
}

# `A=secret:current,B=secret:7,C=secret:` → `A=secret:12,B=secret:7`
pin_secrets() {
  local out=() entry env_name secret version
  IFS=',' read -r -a entries <<<"$1"
  for entry in "${entries[@]}"; do
    env_name=${entry%%=*}
    secret=${entry#*=}
    version=${secret##*:}
    secret=${secret%:*}
    if [ -z "$version" ]; then
      log "$env_name: no version given, left out"
      continue
    fi
    if [ "$version" = current ]; then
      version=$(gcloud secrets versions list "$secret" --filter='state=ENABLED' --sort-by='~createTime' \
        --limit=1 --format='value(name.basename())')
      [ -n "$version" ] || { log "secret $secret has no enabled version"; return 1; }
    fi
    log "$env_name: $secret version $version"
    out+=("$env_name=$secret:$version")
  done
  (IFS=','; printf '%s' "${out[*]}")
}

deploy() {
  local service=$1 flags=() arg
  shift
  for arg in "$@"; do
    case "$arg" in
      --set-secrets=*) flags+=("--set-secrets=$(pin_secrets "${arg#--set-secrets=}")") ;;
      *) flags+=("$arg") ;;
    esac
  done
  gcloud run deploy "$service" --region="$REGION" --no-traffic --tag="$CANARY_TAG" "${flags[@]}"
}

# GET a URL, retrying while a new revision or the certificate settles; fails on anything but 2xx.
get() { curl -fsS --retry 5 --retry-delay 3 --retry-all-errors "$@"; }

status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

operator_token() {
  curl -fsS "${AUTH_ISSUER%/}/oauth/token" -H 'content-type: application/json' \
    -d "$(printf '{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s","audience":"%s"}' \
      "$SMOKE_CLIENT_ID" "$SMOKE_CLIENT_SECRET" "$AUTH_AUDIENCE")" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# One upload.status-changed envelope for an upload that does not exist: the backend wakes no one and answers 204.
push_envelope() {
  local data
  local id
  id=$(python3 -c 'import secrets; print("".join(secrets.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(20)))')
  data=$(printf '{"intentId":"up_%s","status":"ready","ownerVisitorId":null,"revision":1}' "$id" | base64 -w0)
  printf '{"message":{"data":"%s","attributes":{"event":"upload.status-changed","version":"1","source":"smoke"},"messageId":"smoke-%s","publishTime":"%s"},"subscription":"projects/%s/subscriptions/backend-api.upload-status","deliveryAttempt":1}' \
    "$data" "$(date +%s)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$PROJECT_ID"
}

# Health, readiness, an authenticated read and one push envelope, at BASE (a canary path or the public domain) of
# each public service.
check_public() {
  local prefix=$1 service base token push_token
  for service in "${PUBLIC_SERVICES[@]}"; do
    base="https://$(domain_of "$service")$prefix"
    log "$service at $base"
    get "$base/healthz" >/dev/null
    get "$base/readyz" >/dev/null
  done
  base="https://$API_DOMAIN$prefix"
  token=$(operator_token)
  get "$base/participants?limit=1" -H "authorization: Bearer $token" >/dev/null
  log "backend-api: authenticated read ok"
  [ "$(status_of -X POST "$base/pubsub/push" -H 'content-type: application/json' -d "$(push_envelope)")" = 401 ] ||
    { log "backend-api: a push without a token was not refused"; return 1; }
  push_token=$(gcloud auth print-identity-token --include-email --audiences="$(run_url backend-api)" \
    --impersonate-service-account="pubsub-push@$PROJECT_ID.iam.gserviceaccount.com")
  get -X POST "$base/pubsub/push" -H "authorization: Bearer $push_token" -H 'content-type: application/json' \
    -d "$(push_envelope)" >/dev/null
  log "backend-api: push envelope acknowledged"
}

smoke_canaries() { check_public "$CANARY_PATH"; }

serving_revision() {
  gcloud run services describe "$1" --region="$REGION" --format=json | python3 -c '
import json, sys
traffic = json.load(sys.stdin)["status"].get("traffic", [])
serving = [t["revisionName"] for t in traffic if t.get("percent", 0) == 100 and "revisionName" in t]
print(serving[0] if serving else "")'
}

rollback() {
  local service revision
  log "rolling back"
  while read -r service revision; do
    [ -n "$revision" ] || continue
    gcloud run services update-traffic "$service" --region="$REGION" --to-revisions="$revision=100" || true
  done <"$PREVIOUS"
}

promote() {
  local service status
  : >"$PREVIOUS"
  for service in "$@"; do printf '%s %s\n' "$service" "$(serving_revision "$service")" >>"$PREVIOUS"; done
  # In a subshell of its own, errexit holds inside; its status decides the rollback.
  set +e
  (
    set -e
    for service in "$@"; do
      gcloud run services update-traffic "$service" --region="$REGION" --to-tags="$CANARY_TAG=100"
    done
    check_public ''
  )
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    rollback
    return "$status"
  fi
  log "promoted: $*"
}

command=${1:-}
shift || true
case "$command" in
  deploy) deploy "$@" ;;
  smoke-canaries) smoke_canaries ;;
  promote) promote "$@" ;;
  *) log "usage: $0 deploy SERVICE [flags...] | smoke-canaries | promote SERVICE..."; exit 2 ;;
esac
