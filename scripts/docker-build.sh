#!/usr/bin/env bash
# One service's image, for cloudbuild.yaml: `docker-build.sh SERVICE IMAGE TAG` builds services/Dockerfile for SERVICE
# and loads IMAGE:TAG into the local daemon (pushed only once the tests pass). Layers are cached between builds in the
# registry (IMAGE:buildcache, every stage: mode=max), so an unchanged package-lock.json skips both npm ci stages and
# an unchanged service skips its bundle.
set -euo pipefail
service=$1 image=$2 tag=$3
docker buildx create --name "build-$service" --driver docker-container --use >/dev/null
docker buildx build -f services/Dockerfile --build-arg "SERVICE=$service" \
  --cache-from "type=registry,ref=$image:buildcache" \
  --cache-to "type=registry,ref=$image:buildcache,mode=max,image-manifest=true,oci-mediatypes=true" \
  --load -t "$image:$tag" .
