output "service_urls" {
  description = "Deterministic URL of each Cloud Run service (push endpoints and ID-token audiences use these)."
  value       = local.service_urls
}

output "service_uris" {
  description = "The URL Cloud Run reports for each service (either URL reaches it)."
  value       = { for name, service in google_cloud_run_v2_service.service : name => service.uri }
}

output "service_accounts" {
  description = "Runtime service account of each service."
  value       = { for name, account in google_service_account.service : name => account.email }
}

output "push_service_account" {
  description = "Service account whose OIDC tokens authenticate Pub/Sub pushes (PUSH_SERVICE_ACCOUNT)."
  value       = google_service_account.pubsub_push.email
}

output "deployer_service_account" {
  description = "Service account of the Cloud Build trigger."
  value       = google_service_account.deployer.email
}

output "images_bucket" {
  description = "The images bucket (IMAGES_BUCKET)."
  value       = google_storage_bucket.images.name
}

output "artifact_registry" {
  description = "Docker repository of the service images."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "edge_ip" {
  description = "The load balancer's address: each of public_domains needs an A record to it."
  value       = google_compute_global_address.edge.address
}

output "public_urls" {
  description = "Where phones, consoles and the apps reach each public service (through Cloud Armor)."
  value       = { for service in keys(local.edge_services) : service => "https://${var.public_domains[service]}" }
}

output "gallery_service_account_id" {
  description = "Unique id of the face gallery's service account: the subject of its Google ID tokens, which the AWS role's trust policy admits (infra/aws/, docs/deploy.md)."
  value       = google_service_account.service["gallery-api"].unique_id
}
