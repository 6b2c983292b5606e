# The web apps (staff app, operator console, participant app): each a static site on its own small Cloud Run
# service running services/web-app-host, the server `npm start` uses, so the site sends the same strict
# Content-Security-Policy, answers page paths with the shell (the SPA fallback) and serves /config.json uncached.
# Why not a bucket behind the load balancer: docs/deploy.md, "Web apps".
#
# Terraform creates each service, its identity and a placeholder revision; cloudbuild.yaml builds the app into the
# host's image and deploys it with APP_CONFIG, the app's config.json (API origins, Auth0 domain, client id,
# audience), written at deploy.
locals {
  web_apps = {
    "staff-app"        = "The staff app: QR scan, capture, review, upload (event staff's phones)."
    "operator-console" = "The operator console (operators' desktops)."
    "participant-app"  = "The participant app (participants' phones)."
  }

  # Deterministic run.app URLs, as for the APIs (cloud-run.tf): the apps' origins, for APP_ORIGINS, var.app_origins
  # and the Auth0 application's callback, logout and web origins unless the apps get their own domains.
  web_app_urls = {
    for app in keys(local.web_apps) : app => "https://web-${app}-${data.google_project.this.number}.${var.region}.run.app"
  }
}

# An identity of its own that holds no role: the host reads nothing but its own image and environment.
resource "google_service_account" "web_app" {
  for_each     = local.web_apps
  account_id   = "web-${each.key}"
  display_name = "web-${each.key} (static web app host)"
  description  = each.value
}

resource "google_cloud_run_v2_service" "web_app" {
  for_each            = local.web_apps
  name                = "web-${each.key}"
  location            = var.region
  description         = each.value
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection

  template {
    service_account = google_service_account.web_app[each.key].email

    containers {
      image = var.placeholder_image
    }
  }

  lifecycle {
    ignore_changes = [template, client, client_version]
  }

  depends_on = [google_project_service.apis]
}

# Anyone may load an app: the service holds only the app's public files and its public config.json (no secret is
# in it; the APIs authenticate every call themselves).
resource "google_cloud_run_v2_service_iam_member" "web_app_public" {
  for_each = local.web_apps
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.web_app[each.key].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Cloud Build deploys each app's revisions (developer on each host, not project-wide; no IAM changes) as its
# account (actAs), as it does the APIs' (cloud-build.tf).
resource "google_cloud_run_v2_service_iam_member" "deployer_deploys_web_app" {
  for_each = local.web_apps
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.web_app[each.key].name
  role     = "roles/run.developer"
  member   = google_service_account.deployer.member
}

resource "google_service_account_iam_member" "deployer_acts_as_web_app" {
  for_each           = local.web_apps
  service_account_id = google_service_account.web_app[each.key].name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.deployer.member
}

output "web_app_urls" {
  description = "Each web app's URL: its origin goes into APP_ORIGINS (_APP_ORIGINS), var.app_origins and the Auth0 application's allowed URLs."
  value       = local.web_app_urls
}
