# Secret containers only: their values are added with `gcloud secrets versions add` (docs/deploy.md), so they never
# pass through Terraform state. Cloud Build mounts them as env vars, each pinned to the version that was latest when
# the build ran (cloudbuild.yaml).

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

# The backend API signs and checks QR payloads and manages Auth0 users.
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

# The notification worker's channels (services/notification-worker/src/config.ts): the Web Push key pair (VAPID), the
# SMTP URL with its credentials, and the SMS API's auth token. cloudbuild.yaml mounts every one, so each needs a
# version before the first deploy, even for a channel left off (docs/deploy.md).
locals {
  notification_secrets = {
    "vapid-public-key"  = "VAPID_PUBLIC_KEY"
    "vapid-private-key" = "VAPID_PRIVATE_KEY"
    "smtp-url"          = "SMTP_URL"
    "sms-auth-token"    = "SMS_AUTH_TOKEN"
  }
}

resource "google_secret_manager_secret" "notification" {
  for_each  = local.notification_secrets
  secret_id = each.key
  labels    = { env-var = lower(each.value) }
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "notification_worker_reads_secrets" {
  for_each  = local.notification_secrets
  secret_id = google_secret_manager_secret.notification[each.key].id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service["notification-worker"].member
}

# The backend hands the public key to the app, which subscribes with it: it must be the worker's pair.
resource "google_secret_manager_secret_iam_member" "backend_reads_vapid_public_key" {
  secret_id = google_secret_manager_secret.notification["vapid-public-key"].id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service["backend-api"].member
}

# Cloud Build pins each secret's version at deploy: it resolves `latest` to a version number once per build
# (cloudbuild.yaml), so every instance of a revision reads the same version and a new one takes effect only with a
# deploy. That needs each secret's metadata (viewer), never its value.
resource "google_secret_manager_secret_iam_member" "deployer_resolves_versions" {
  for_each = merge(
    {
      "qr-secret"                      = google_secret_manager_secret.qr_secret.id
      "auth0-management-client-secret" = google_secret_manager_secret.auth0_management_client_secret.id
    },
    { for name, secret in google_secret_manager_secret.notification : name => secret.id },
  )
  secret_id = each.value
  role      = "roles/secretmanager.viewer"
  member    = google_service_account.deployer.member
}
