locals {
  # Every deployable service; each runs as its own service account named after it (cloudbuild.yaml deploys with
  # --service-account=SERVICE@PROJECT_ID.iam.gserviceaccount.com).
  services = {
    "backend-api"         = { description = "Participants, check-in and capture, images, the participant feed (public)." }
    "image-server"        = { description = "Image versions, one-time links, reverse proxy of storage (public)." }
    "clustering-worker"   = { description = "Palettes and posterised images of uploaded images (Pub/Sub push only)." }
    "generation-worker"   = { description = "Posters rendered from palettes (Pub/Sub push only)." }
    "processing-worker"   = { description = "Photos recoloured onto chosen palettes (Pub/Sub push only)." }
    "notification-worker" = { description = "Participants' notifications of activity such as likes (Pub/Sub push only)." }
    "gallery-api"         = { description = "The face gallery: selfies, expressions, recommendations, likes (public)." }
    "upload-pipeline"     = { description = "Direct uploads: verify, describe, resize, hand off; webhooks (Pub/Sub push only)." }
  }

  # Deterministic run.app URLs (https://SERVICE-PROJECT_NUMBER.REGION.run.app): known before the first deploy, and
  # cloudbuild.yaml derives the same ones from $PROJECT_NUMBER, so push audiences and the audiences the services
  # check are one string.
  service_urls = {
    for name in keys(local.services) : name => "https://${name}-${data.google_project.this.number}.${var.region}.run.app"
  }
}

resource "google_service_account" "service" {
  for_each     = local.services
  account_id   = each.key
  display_name = "${each.key} (Cloud Run runtime)"
  description  = each.value.description
}

# Terraform creates each service with its identity and a placeholder revision; Cloud Build deploys every real
# revision (image, env, secrets, resources: cloudbuild.yaml). The template is ignored after creation so that
# `terraform apply` never rolls a deployed revision back to the placeholder.
resource "google_cloud_run_v2_service" "service" {
  for_each            = local.services
  name                = each.key
  location            = var.region
  description         = each.value.description
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection

  template {
    service_account = google_service_account.service[each.key].email

    containers {
      image = var.placeholder_image
    }
  }

  lifecycle {
    ignore_changes = [template, client, client_version]
  }

  depends_on = [google_project_service.apis]
}

# --- Who may invoke what ---------------------------------------------------------------------------------------

# Phones and consoles call the backend API and the image server directly: the services authenticate callers
# themselves (Auth0 tokens, QR visitor tokens, one-time links, service ID tokens on internal routes, the OIDC token
# on /pubsub/push). No other service is public.
resource "google_cloud_run_v2_service_iam_member" "backend_api_public" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["backend-api"].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service_iam_member" "image_server_public" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["image-server"].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Visitors' apps call the face gallery directly (no login: its user ids are the credential, see docs/api.md).
resource "google_cloud_run_v2_service_iam_member" "gallery_api_public" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["gallery-api"].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# The backend calls the image server's internal routes with Google-signed ID tokens (audience: the image server's
# URL). The image server is public, so Cloud Run does not need this today; the service checks the token's e-mail
# (ALLOWED_CALLERS), and this binding keeps the call working if the image server is ever made private.
resource "google_cloud_run_v2_service_iam_member" "backend_invokes_image_server" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["image-server"].name
  role     = "roles/run.invoker"
  member   = google_service_account.service["backend-api"].member
}

# The gallery stores catalog images through the image server and issues their one-time links, as the backend does.
resource "google_cloud_run_v2_service_iam_member" "gallery_invokes_image_server" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["image-server"].name
  role     = "roles/run.invoker"
  member   = google_service_account.service["gallery-api"].member
}

# --- What each service may touch -------------------------------------------------------------------------------

# Firestore has no per-collection IAM: every service reads and writes documents (roles/datastore.user, no admin).
resource "google_project_iam_member" "datastore_user" {
  for_each = local.services
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = google_service_account.service[each.key].member
}

locals {
  # Services that publish to a few topics only, and which (the others publish to every system topic).
  publishes_only = {
    # Its dispatch task's outbox sweep relays likes' activity events (the only rows in the outbox:
    # shared/src/events/like-outbox.ts); poison messages go to dead-letters. A new outbox topic must be added here,
    # or the sweep fails, and with it the dispatch call.
    "notification-worker" = ["activity", "dead-letters"]
    # The storage-events relay republishes gallery objects, ordered; poison messages go to dead-letters.
    "gallery-api" = ["gallery-objects", "dead-letters"]
  }
}

# Every service publishes events (and, for poison messages, dead letters): publisher on the system's topics only,
# not project-wide, narrowed further for the services of publishes_only. uploads-finalized is left out: only Cloud
# Storage publishes there.
resource "google_pubsub_topic_iam_member" "service_publishes" {
  for_each = {
    for pair in setproduct(keys(local.services), local.app_topics) : "${pair[0]}/${pair[1]}" => { service = pair[0], topic = pair[1] }
    if contains(lookup(local.publishes_only, pair[0], [pair[1]]), pair[1])
  }
  project = var.project_id
  topic   = google_pubsub_topic.topic[each.value.topic].name
  role    = "roles/pubsub.publisher"
  member  = google_service_account.service[each.value.service].member
}

# Image bytes: the image server stores and serves them, the workers read originals and write derivatives. The
# backend never touches the bucket.
# The gallery only reads what operators copy under gallery/ (the image server stores the copies it serves).
resource "google_storage_bucket_iam_member" "gallery_reads_images" {
  bucket = google_storage_bucket.images.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.service["gallery-api"].member
}

resource "google_storage_bucket_iam_member" "images_object_admin" {
  for_each = toset(["image-server", "clustering-worker", "generation-worker", "processing-worker"])
  bucket   = google_storage_bucket.images.name
  role     = "roles/storage.objectAdmin"
  member   = google_service_account.service[each.key].member
}

# V4 signed upload URLs on Cloud Run have no key file: the image server signs through IAM signBlob, as itself.
resource "google_service_account_iam_member" "image_server_signs_as_itself" {
  service_account_id = google_service_account.service["image-server"].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = google_service_account.service["image-server"].member
}
