# The AWS side of the face gallery's Rekognition and Personalize modes: the role the gallery acts as, trusting only
# the gallery's Google service account. Its own root module, applied with AWS credentials by someone who may manage
# IAM in the AWS account, after the Google side (the gallery's service account) exists:
#
#   terraform -chdir=infra/aws init
#   terraform -chdir=infra/aws apply \
#     -var gallery_service_account_id="$(terraform -chdir=infra output -raw gallery_service_account_id)" \
#     -var audience=event-photo-gallery-aws -var region=ap-northeast-1
#
# then deploy with _AWS_ROLE_ARN = the output role_arn, _AWS_WEB_IDENTITY_AUDIENCE = the same audience and _AWS_REGION
# = the same region (docs/deploy.md).
#
# No IAM OIDC provider is created: AWS knows accounts.google.com as a web identity provider already, and checks the
# token's Google signature itself. A Google service account's ID token carries aud = the audience asked for, and azp =
# sub = the account's unique id; AWS exposes azp as accounts.google.com:aud and aud as accounts.google.com:oaud.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7"
    }
  }
}

variable "region" {
  description = "Where Rekognition and Personalize run and selfies are sent: the region nearest the event (AWS_REGION)."
  type        = string
}

variable "gallery_service_account_id" {
  description = "Unique id (21 digits) of the gallery's Google service account: infra/'s output gallery_service_account_id."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{21}$", var.gallery_service_account_id))
    error_message = "The unique id of a Google service account is 21 digits."
  }
}

variable "audience" {
  description = "The audience the gallery asks its ID token for (AWS_WEB_IDENTITY_AUDIENCE)."
  type        = string
  default     = "event-photo-gallery-aws"
}

variable "role_name" {
  type    = string
  default = "event-photo-gallery"
}

variable "rekognition_collection_id" {
  description = "REKOGNITION_COLLECTION_ID."
  type        = string
  default     = "event-photo-gallery"
}

variable "personalize" {
  description = "Personalize mode's resources (null: Rekognition only): the PERSONALIZE_* settings."
  type = object({
    campaign_arn       = string
    event_tracker_arn  = string
    users_dataset_arn  = string
    items_dataset_arn  = string
    dataset_group_arn  = string
    deletion_role_arn  = string
    deletion_s3_bucket = string
    deletion_s3_prefix = string
  })
  default = null
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "this" {}

resource "aws_iam_role" "gallery" {
  name                 = var.role_name
  description          = "The event photo face gallery on Google Cloud Run (web identity: its Google service account)."
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "accounts.google.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "accounts.google.com:aud"  = var.gallery_service_account_id
          "accounts.google.com:sub"  = var.gallery_service_account_id
          "accounts.google.com:oaud" = var.audience
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "rekognition" {
  name = "rekognition"
  role = aws_iam_role.gallery.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["rekognition:DetectFaces"], Resource = "*" },
      {
        Effect   = "Allow"
        Action   = ["rekognition:IndexFaces", "rekognition:SearchFacesByImage", "rekognition:DeleteFaces", "rekognition:ListFaces"]
        Resource = "arn:aws:rekognition:${var.region}:${data.aws_caller_identity.this.account_id}:collection/${var.rekognition_collection_id}"
      },
    ]
  })
}

resource "aws_iam_role_policy" "personalize" {
  count = var.personalize == null ? 0 : 1
  name  = "personalize"
  role  = aws_iam_role.gallery.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["personalize:GetRecommendations"], Resource = var.personalize.campaign_arn },
      { Effect = "Allow", Action = ["personalize:PutEvents"], Resource = var.personalize.event_tracker_arn },
      { Effect = "Allow", Action = ["personalize:PutUsers"], Resource = var.personalize.users_dataset_arn },
      { Effect = "Allow", Action = ["personalize:PutItems"], Resource = var.personalize.items_dataset_arn },
      { Effect = "Allow", Action = ["personalize:CreateDataDeletionJob"], Resource = var.personalize.dataset_group_arn },
      # Following an erasure (GET /users/{userId}/erasure): the jobs it starts, named erase-….
      {
        Effect   = "Allow"
        Action   = ["personalize:DescribeDataDeletionJob"]
        Resource = "${regex("^arn:aws[a-z-]*:personalize:[^:]+:[0-9]+", var.personalize.dataset_group_arn)}:data-deletion-job/erase-*"
      },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = var.personalize.deletion_role_arn },
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "arn:aws:s3:::${var.personalize.deletion_s3_bucket}/${var.personalize.deletion_s3_prefix}*"
      },
    ]
  })
}

output "role_arn" {
  description = "AWS_ROLE_ARN (cloudbuild.yaml's _AWS_ROLE_ARN)."
  value       = aws_iam_role.gallery.arn
}
