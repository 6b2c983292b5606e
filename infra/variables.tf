variable "project_id" {
  description = "The GCP project everything is created in."
  type        = string
}

variable "region" {
  description = "Region of Cloud Run, Artifact Registry and the images bucket (keep them together: egress is free within a region)."
  type        = string
  default     = "asia-northeast1"
}

variable "firestore_location" {
  description = "Firestore location (a region such as asia-northeast1, or a multi-region such as nam5/eur3). Defaults to var.region. Cannot change once created."
  type        = string
  default     = null
}

variable "repository" {
  description = "Artifact Registry Docker repository of the service images (cloudbuild.yaml: _REPOSITORY)."
  type        = string
  default     = "event-photo"
}

variable "images_bucket" {
  description = "Name of the images bucket (globally unique). Defaults to PROJECT_ID-event-photo-images (cloudbuild.yaml: _IMAGES_BUCKET)."
  type        = string
  default     = null
}

variable "upload_retention_days" {
  description = "Direct uploads under uploads/ are deleted after this many days: ingested ones have been copied, abandoned ones are garbage."
  type        = number
  default     = 2

  validation {
    condition     = var.upload_retention_days >= 1
    error_message = "Keep uploads at least one day: ingestion retries must find the object."
  }
}

variable "app_origins" {
  description = "Origins of the web apps (staff app, operator console, participant app), such as https://staff.example.com: they may PUT to signed upload URLs from a browser (the bucket's CORS policy). Empty: no CORS rule."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for origin in var.app_origins : can(regex("^https://[^/]+$", origin))])
    error_message = "Each origin is https://HOST (and an optional :PORT), without a path or a trailing slash."
  }
}

variable "firestore_collection_prefix" {
  description = "Prefix of every Firestore collection, if the services are configured with one (indexes and the TTL policy follow it)."
  type        = string
  default     = ""
}

variable "placeholder_image" {
  description = "Image of a service's first revision, before Cloud Build deploys the real one (it must listen on $PORT)."
  type        = string
  default     = "us-docker.pkg.dev/cloudrun/container/hello"
}

variable "deletion_protection" {
  description = "Protects the Cloud Run services and the Firestore database from terraform destroy."
  type        = bool
  default     = true
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channels (projects/PROJECT/notificationChannels/ID) the alert policies notify (infra/monitoring.tf). Empty: the alerts show in the console only."
  type        = list(string)
  default     = []
}

variable "firestore_backup_retention_days" {
  description = "How long each daily Firestore backup is kept (infra/firestore.tf). Firestore allows up to 14 weeks."
  type        = number
  default     = 14

  validation {
    condition     = var.firestore_backup_retention_days >= 7 && var.firestore_backup_retention_days <= 98
    error_message = "Keep backups 7 to 98 days: less than PITR's 7 days adds nothing, Firestore keeps at most 14 weeks."
  }
}

variable "public_domains" {
  description = "The domain of each public service behind the load balancer (infra/edge.tf), for example { backend-api = \"api.example.com\", image-server = \"images.example.com\", gallery-api = \"gallery.example.com\" }. Point each at the output edge_ip (an A record); the managed certificate becomes active once they resolve."
  type        = map(string)

  validation {
    condition     = length(setsubtract(["backend-api", "image-server", "gallery-api"], keys(var.public_domains))) == 0
    error_message = "Name a domain for each of backend-api, image-server and gallery-api."
  }
}
