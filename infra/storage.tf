locals {
  images_bucket = coalesce(var.images_bucket, "${var.project_id}-event-photo-images")

  # The headers a browser's PUT to a signed upload URL carries: those the V4 signature binds
  # (GcsBlobStore.signedUploadUrl). The browser asks leave for each in its preflight, and the bucket's CORS policy must
  # allow every one, or the upload never starts (infra/test checks this list against the signer's own output).
  upload_request_headers = ["Content-Type", "X-Goog-Content-Length-Range", "X-Goog-If-Generation-Match"]
}

# One bucket for every image: originals and versions under their own keys, derivatives under another prefix (so
# they never re-trigger their own pipeline), direct uploads under uploads/. Nothing is public: phones get bytes
# through the image server's one-time links, browsers upload through signed URLs.
resource "google_storage_bucket" "images" {
  name                        = local.images_bucket
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  # A direct upload is copied into its image version when ingested; what is left under uploads/ is either done or
  # abandoned.
  lifecycle_rule {
    condition {
      age            = var.upload_retention_days
      matches_prefix = ["uploads/"]
    }
    action {
      type = "Delete"
    }
  }

  # Files the upload pipeline refused, kept a while for inspection (services/upload-pipeline).
  lifecycle_rule {
    condition {
      age            = 30
      matches_prefix = ["quarantine/"]
    }
    action {
      type = "Delete"
    }
  }

  # Browser uploads from the web apps' origins: a PUT with the signed headers, nothing else.
  dynamic "cors" {
    for_each = length(var.app_origins) > 0 ? [1] : []
    content {
      origin          = var.app_origins
      method          = ["PUT"]
      response_header = local.upload_request_headers
      max_age_seconds = 3600
    }
  }

  depends_on = [google_project_service.apis]
}

# Cloud Storage announces every finished direct upload on uploads-finalized.
data "google_storage_project_service_account" "gcs" {
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic_iam_member" "gcs_publishes_uploads" {
  project = var.project_id
  topic   = google_pubsub_topic.topic["uploads-finalized"].name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

resource "google_pubsub_topic_iam_member" "gcs_publishes_gallery" {
  project = var.project_id
  topic   = google_pubsub_topic.topic["gallery-storage"].name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

# Objects operators copy under gallery/ become the face gallery's catalog (gallery-api.storage-events).
resource "google_storage_notification" "gallery_finalized" {
  bucket             = google_storage_bucket.images.name
  payload_format     = "JSON_API_V1"
  topic              = google_pubsub_topic.topic["gallery-storage"].id
  event_types        = ["OBJECT_FINALIZE"]
  object_name_prefix = "gallery/"
  depends_on         = [google_pubsub_topic_iam_member.gcs_publishes_gallery]
}

resource "google_storage_notification" "uploads_finalized" {
  bucket             = google_storage_bucket.images.name
  payload_format     = "JSON_API_V1"
  topic              = google_pubsub_topic.topic["uploads-finalized"].id
  event_types        = ["OBJECT_FINALIZE"]
  object_name_prefix = "uploads/"
  depends_on         = [google_pubsub_topic_iam_member.gcs_publishes_uploads]
}
