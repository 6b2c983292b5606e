# Secret containers only: their values are added with `gcloud secrets versions add` (docs/deploy.md), so they never
# pass through Terraform state. Cloud Build mounts them as env vars (--set-secrets ...:latest).

# The HMAC key of participants' QR payloads (QR_SECRET, at least 32 characters, the same on every instance).
resource "google_secret_manager_secret" "qr_secret" {
  secret_id = "qr-secret"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# The client secret of the Auth0 machine-to-machine application for the Management API (AUTH0_MANAGEMENT_CLIENT_SECRET).
resource "google_secret_manager_secret" "auth0_management_client_secret" {
  secret_id = "auth0-management-client-secret"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Only the backend API reads secrets: it signs and checks QR payloads and manages Auth0 users.
resource "google_secret_manager_secret_iam_member" "backend_reads_qr_secret" {
  secret_id = google_secret_manager_secret.qr_secret.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service["backend-api"].member
}

resource "google_secret_manager_secret_iam_member" "backend_reads_auth0_management_secret" {
  secret_id = google_secret_manager_secret.auth0_management_client_secret.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service["backend-api"].member
}
