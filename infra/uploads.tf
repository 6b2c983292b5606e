# Direct uploads (services/upload-pipeline): what the pipeline may touch, and the sweeper's schedule.

# The pipeline reads uploads/, writes derived/uploads/ and quarantine/, deletes what it is done with, and lists
# uploads/ (the sweeper) and an upload's derivatives: object use within those prefixes only. A listing is a request on
# the bucket, so its condition is on the prefix asked for (objectListPrefix) instead of the object's name.
locals {
  upload_pipeline_prefixes = ["uploads/", "derived/uploads/", "quarantine/"]
}

resource "google_storage_bucket_iam_member" "upload_pipeline_objects" {
  bucket = google_storage_bucket.images.name
  role   = "roles/storage.objectUser"
  member = google_service_account.service["upload-pipeline"].member

  condition {
    title = "upload-pipeline-prefixes"
    expression = join(" || ", concat(
      [for prefix in local.upload_pipeline_prefixes : "resource.name.startsWith(\"${local.images_objects}${prefix}\")"],
      [for prefix in local.upload_pipeline_prefixes : "api.getAttribute(\"storage.googleapis.com/objectListPrefix\", \"\").startsWith(\"${prefix}\")"],
    ))
  }
}

# The handoff stores each upload as an image version through the image server's internal route (ALLOWED_CALLERS
# names this account in cloudbuild.yaml), with Google-signed ID tokens.
resource "google_cloud_run_v2_service_iam_member" "upload_pipeline_invokes_image_server" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["image-server"].name
  role     = "roles/run.invoker"
  member   = google_service_account.service["upload-pipeline"].member
}

# The sweeper (services/upload-pipeline/src/routes/tasks.routes.ts): every 10 minutes Cloud Scheduler POSTs
# /tasks/sweep with an OIDC token of its own account: pending uploads whose target expired become `expired`, and
# objects under uploads/ that belong to no live upload are deleted (the lifecycle rule on uploads/ is the backstop).
resource "google_service_account" "upload_scheduler" {
  account_id   = "upload-scheduler"
  display_name = "Cloud Scheduler (OIDC tokens of the upload sweep task)"
}

resource "google_cloud_run_v2_service_iam_member" "scheduler_invokes_upload_pipeline" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["upload-pipeline"].name
  role     = "roles/run.invoker"
  member   = google_service_account.upload_scheduler.member
}

resource "google_cloud_scheduler_job" "upload_sweep" {
  name             = "upload-sweep"
  description      = "POST /tasks/sweep of the upload pipeline: expired uploads and orphaned objects."
  region           = var.region
  schedule         = "*/10 * * * *"
  time_zone        = "Etc/UTC"
  attempt_deadline = "300s"

  # The next call finds whatever this one missed.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "${local.service_urls["upload-pipeline"]}/tasks/sweep"

    oidc_token {
      service_account_email = google_service_account.upload_scheduler.email
      audience              = local.service_urls["upload-pipeline"]
    }
  }

  depends_on = [
    google_project_service.apis,
    google_cloud_run_v2_service_iam_member.scheduler_invokes_upload_pipeline,
  ]
}
