locals {
  # Every deployable service; each runs as its own service account named after it (cloudbuild.yaml deploys with
  # --service-account=SERVICE@PROJECT_ID.iam.gserviceaccount.com). Ingress: the workers are reached only by Pub/Sub
  # push and Cloud Scheduler, which Cloud Run counts as internal traffic of the project, so nothing from the internet
  # reaches them, not even a request Cloud Run IAM would refuse; the public services only through the load balancer
  # and its Cloud Armor policies (edge.tf).
  services = {
    "backend-api" = {
      description = "Participants, check-in and capture, images, the participant feed (public)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
    }
    "image-server" = {
      description = "Image versions, one-time links, reverse proxy of storage (public)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
    }
    "clustering-worker" = {
      description = "Palettes and posterised images of uploaded images (Pub/Sub push only)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
    }
    "generation-worker" = {
      description = "Posters rendered from palettes (Pub/Sub push only)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
    }
    "processing-worker" = {
      description = "Photos recoloured onto chosen palettes (Pub/Sub push only)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
    }
    "notification-worker" = {
      description = "Participants' notifications of activity such as likes (Pub/Sub push and Cloud Scheduler only)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
    }
    "gallery-api" = {
      description = "The face gallery: selfies, expressions, recommendations, likes (public)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
    }
    "upload-pipeline" = {
      description = "Direct uploads: verify, describe, resize, hand off; webhooks (Pub/Sub push and Cloud Scheduler only)."
      ingress     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
    }
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
  ingress             = each.value.ingress
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
  # Mirror of PUBLISHED_TOPICS in shared/src/events/topology.ts (infra/test holds them equal; a test there holds that
  # list to the code each service runs). Every push receiver dead-letters poison messages. The backend replays dead
  # letters to the topic they came from, so it may publish to every topic a subscription dead-letters, the storage
  # topics included; Cloud Storage publishes those otherwise. `npm run uploads:backfill` publishes upload-backfill as
  # the operator who runs it.
  service_publishes = {
    "backend-api"         = ["processing-requested", "activity", "dead-letters", "image-updated", "image-variant-ready", "image-uploaded", "generation-requested", "image-clustered", "gallery-storage", "gallery-objects", "uploads-finalized", "upload-backfill", "upload-callbacks", "upload-status"]
    "image-server"        = ["image-uploaded", "image-updated", "image-clustered", "dead-letters"]
    "clustering-worker"   = ["image-variant-ready", "dead-letters"]
    "generation-worker"   = ["image-variant-ready", "generation-requested", "dead-letters"]
    "processing-worker"   = ["image-variant-ready", "processing-requested", "dead-letters"]
    "notification-worker" = ["activity", "dead-letters"]
    "gallery-api"         = ["gallery-objects", "dead-letters"]
    "upload-pipeline"     = ["upload-status", "upload-callbacks", "dead-letters"]
  }

  service_topic_pairs = flatten([
    for service, topics in local.service_publishes : [for topic in topics : { service = service, topic = topic }]
  ])
}

# Publisher on each topic a service publishes to, and on no other (never project-wide).
resource "google_pubsub_topic_iam_member" "service_publishes" {
  for_each = { for pair in local.service_topic_pairs : "${pair.service}/${pair.topic}" => pair }
  project  = var.project_id
  topic    = google_pubsub_topic.topic[each.value.topic].name
  role     = "roles/pubsub.publisher"
  member   = google_service_account.service[each.value.service].member
}

# Image bytes: the image server stores and serves them, the workers read originals and write derivatives. The
# backend never touches the bucket.
# The gallery only reads what operators copy under gallery/ (the image server stores the copies it serves).
resource "google_storage_bucket_iam_member" "gallery_reads_images" {
  bucket = google_storage_bucket.images.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.service["gallery-api"].member
}

# The image server owns originals/ and derived/, reads the uploads the pipeline hands over, lists them when it
# reconciles, and signs upload URLs under uploads/ as itself (a signed URL carries its signer's permissions): object
# use on the whole bucket, no IAM on objects.
resource "google_storage_bucket_iam_member" "image_server_objects" {
  bucket = google_storage_bucket.images.name
  role   = "roles/storage.objectUser"
  member = google_service_account.service["image-server"].member
}

locals {
  images_objects = "projects/_/buckets/${local.images_bucket}/objects/"

  # What each image worker reads and creates, as object-name prefixes (IAM conditions on resource.name). They read
  # originals or clustered variants (generation: either) and check whether a derivative exists before creating it
  # (objectViewer); they only ever create derivatives, with ifGenerationMatch=0, under derived/img_ (image and look
  # ids are img_…), never derived/uploads/, the upload pipeline's (objectCreator). No listing, no deletes.
  image_worker_objects = {
    "clustering-worker" = { reads = ["originals/", "derived/img_"], creates = ["derived/img_"] }
    "generation-worker" = { reads = ["originals/", "derived/img_"], creates = ["derived/img_"] }
    "processing-worker" = { reads = ["derived/img_"], creates = ["derived/img_"] }
  }
}

resource "google_storage_bucket_iam_member" "image_worker_reads" {
  for_each = local.image_worker_objects
  bucket   = google_storage_bucket.images.name
  role     = "roles/storage.objectViewer"
  member   = google_service_account.service[each.key].member

  condition {
    title      = "${each.key}-reads"
    expression = join(" || ", [for prefix in each.value.reads : "resource.name.startsWith(\"${local.images_objects}${prefix}\")"])
  }
}

resource "google_storage_bucket_iam_member" "image_worker_creates" {
  for_each = local.image_worker_objects
  bucket   = google_storage_bucket.images.name
  role     = "roles/storage.objectCreator"
  member   = google_service_account.service[each.key].member

  condition {
    title      = "${each.key}-creates"
    expression = join(" || ", [for prefix in each.value.creates : "resource.name.startsWith(\"${local.images_objects}${prefix}\")"])
  }
}

# V4 signed upload URLs on Cloud Run have no key file: the image server signs through IAM signBlob, as itself.
resource "google_service_account_iam_member" "image_server_signs_as_itself" {
  service_account_id = google_service_account.service["image-server"].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = google_service_account.service["image-server"].member
}
