# The identity of the Cloud Build trigger (docs/deploy.md): pushes images and deploys revisions, nothing more.
resource "google_service_account" "deployer" {
  account_id   = "cloud-build-deployer"
  display_name = "Cloud Build: build, push and deploy"
}

resource "google_artifact_registry_repository_iam_member" "deployer_pushes_images" {
  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.deployer.member
}

# Writes its build logs (CLOUD_LOGGING_ONLY in cloudbuild.yaml)...
resource "google_project_iam_member" "deployer_writes_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.deployer.member
}

# ...deploys revisions of the system's services and moves their traffic, and nothing else in the project: developer
# on each service, not project-wide, and no IAM policy changes (Terraform owns who may invoke what).
resource "google_cloud_run_v2_service_iam_member" "deployer_deploys" {
  for_each = local.services
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service[each.key].name
  role     = "roles/run.developer"
  member   = google_service_account.deployer.member
}

# The smoke test signs one push envelope as the push account (scripts/cloud-deploy.sh). The push account only invokes
# the services Pub/Sub pushes to, whose handlers are idempotent, and the deployer already deploys code that runs as
# every runtime account: the grant widens little.
resource "google_service_account_iam_member" "deployer_signs_smoke_pushes" {
  service_account_id = google_service_account.pubsub_push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = google_service_account.deployer.member
}

# The smoke-test client's secret (docs/deploy.md, Auth0): its tokens carry read:participants only.
resource "google_secret_manager_secret" "smoke_test_client_secret" {
  secret_id = "smoke-test-client-secret"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "deployer_reads_smoke_secret" {
  secret_id = google_secret_manager_secret.smoke_test_client_secret.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.deployer.member
}

# Deploying a revision that runs as a service account requires actAs on that account.
resource "google_service_account_iam_member" "deployer_acts_as_services" {
  for_each           = local.services
  service_account_id = google_service_account.service[each.key].name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.deployer.member
}
