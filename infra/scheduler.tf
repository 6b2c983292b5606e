# The notification worker's dispatch task (services/notification-worker/src/routes/tasks.routes.ts): every minute
# Cloud Scheduler POSTs /tasks/dispatch, which sweeps the outbox, plans due digests and sends due deliveries. It signs
# each call with an OIDC token of its own account (audience: the worker's URL, the worker's PUSH_AUDIENCE); Cloud Run
# checks run.invoker, the worker checks the token's e-mail (SCHEDULER_SERVICE_ACCOUNT in cloudbuild.yaml).

resource "google_service_account" "scheduler" {
  account_id   = "notification-scheduler"
  display_name = "Cloud Scheduler (OIDC tokens of the notification dispatch task)"
}

resource "google_cloud_run_v2_service_iam_member" "scheduler_invokes_notification_worker" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["notification-worker"].name
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler.member
}

# Cloud Scheduler's service agent mints the tokens (its role is granted when the API is enabled); whoever applies
# this needs actAs on the scheduler account, which its creator has.
resource "google_cloud_scheduler_job" "notification_dispatch" {
  name        = "notification-dispatch"
  description = "POST /tasks/dispatch of the notification worker: due digests and deliveries, and the outbox sweep."
  region      = var.region
  schedule    = "* * * * *"
  time_zone   = "Etc/UTC"
  # A call handles at most 500 deliveries, in batches of 20 whose sends time out after 10 s: it ends within the
  # worker's 300 s request timeout (cloudbuild.yaml).
  attempt_deadline = "300s"

  # A failed call is not retried: the next minute's call finds the same due deliveries. Overlapping calls are safe,
  # since a delivery is claimed in a transaction before it is sent.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "${local.service_urls["notification-worker"]}/tasks/dispatch"

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = local.service_urls["notification-worker"]
    }
  }

  depends_on = [
    google_project_service.apis,
    google_cloud_run_v2_service_iam_member.scheduler_invokes_notification_worker,
  ]
}

# The store reconciler (services/image-server/src/routes/tasks.routes.ts): every hour Cloud Scheduler POSTs
# /tasks/reconcile to the image server, which compares the images bucket with the image records in Firestore, deletes
# objects no record refers to and reports records whose object is gone (docs/operations.md). It signs with an OIDC
# token of its own account (audience: the image server's URL, its SERVICE_TOKEN_AUDIENCE); the image server checks
# the token's e-mail (SCHEDULER_SERVICE_ACCOUNT in cloudbuild.yaml). The bucket's lifecycle rules stay the backstop.

resource "google_service_account" "reconcile_scheduler" {
  account_id   = "reconcile-scheduler"
  display_name = "Cloud Scheduler (OIDC tokens of the store reconcile task)"
}

resource "google_cloud_run_v2_service_iam_member" "reconcile_scheduler_invokes_image_server" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["image-server"].name
  role     = "roles/run.invoker"
  member   = google_service_account.reconcile_scheduler.member
}

resource "google_cloud_scheduler_job" "store_reconcile" {
  name        = "store-reconcile"
  description = "POST /tasks/reconcile of the image server: the images bucket against the image records."
  region      = var.region
  schedule    = "17 * * * *"
  time_zone   = "Etc/UTC"
  # A pass lists the bucket's originals/ and derived/ and reads every image's variants: a minute or two for an event
  # of tens of thousands of images, within the image server's 300 s request timeout (cloudbuild.yaml).
  attempt_deadline = "300s"

  # A failed pass is not retried: the next hour's finds the same objects. Overlapping passes are safe, as each orphan
  # is checked once more just before it is deleted.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "${local.service_urls["image-server"]}/tasks/reconcile"

    oidc_token {
      service_account_email = google_service_account.reconcile_scheduler.email
      audience              = local.service_urls["image-server"]
    }
  }

  depends_on = [
    google_project_service.apis,
    google_cloud_run_v2_service_iam_member.reconcile_scheduler_invokes_image_server,
  ]
}

# The gallery's half of the reconciler (services/gallery-api/src/routes/tasks.routes.ts): the gallery owns its catalog,
# users and faces, so the same account POSTs /tasks/reconcile to the face gallery, which announces gallery objects no
# catalog item stands for again, reports items whose object is gone and deletes faces of users who no longer exist.
# The token's audience is the gallery's URL (its PUSH_AUDIENCE); the gallery checks the e-mail
# (SCHEDULER_SERVICE_ACCOUNT in cloudbuild.yaml).

resource "google_cloud_run_v2_service_iam_member" "reconcile_scheduler_invokes_gallery" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service["gallery-api"].name
  role     = "roles/run.invoker"
  member   = google_service_account.reconcile_scheduler.member
}

resource "google_cloud_scheduler_job" "gallery_reconcile" {
  name        = "gallery-reconcile"
  description = "POST /tasks/reconcile of the face gallery: its objects against its catalog, its faces against its users."
  region      = var.region
  schedule    = "47 * * * *"
  time_zone   = "Etc/UTC"
  # A pass lists the gallery prefix and pages through the catalog and the indexed users: for a catalog of tens of
  # thousands of items well within the gallery's 300 s request timeout (cloudbuild.yaml).
  attempt_deadline = "300s"

  # Not retried: the next hour's pass finds the same objects. Overlapping passes are safe (cataloguing is idempotent).
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "${local.service_urls["gallery-api"]}/tasks/reconcile"

    oidc_token {
      service_account_email = google_service_account.reconcile_scheduler.email
      audience              = local.service_urls["gallery-api"]
    }
  }

  depends_on = [
    google_project_service.apis,
    google_cloud_run_v2_service_iam_member.reconcile_scheduler_invokes_gallery,
  ]
}
