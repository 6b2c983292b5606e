terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.10, < 8"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.10, < 8"
    }
  }

  # State lives in a GCS bucket created once by hand (docs/deploy.md):
  #   terraform init -backend-config="bucket=PROJECT_ID-tfstate" -backend-config="prefix=event-photo"
  backend "gcs" {}
}
