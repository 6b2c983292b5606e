locals {
  dead_letter_topic = "dead-letters"

  # The system's topics (shared/src/events/topology.ts and catalog.ts), and uploads-finalized and gallery-storage,
  # where Cloud Storage announces direct uploads and gallery objects. The services publish to all but those two.
  topics = [
    "image-uploaded",
    "image-updated",
    "image-variant-ready",
    "generation-requested",
    "processing-requested",
    "image-clustered",
    "activity",
    "dead-letters",
    "uploads-finalized",
    "gallery-storage",
    "gallery-objects",
    "upload-status",
    "upload-callbacks",
    "upload-backfill",
  ]
  storage_topics = ["uploads-finalized", "gallery-storage"]
  app_topics     = [for topic in local.topics : topic if !contains(local.storage_topics, topic)]

  # Mirror of SUBSCRIPTIONS in shared/src/events/topology.ts (infra/test/terraform.test.ts holds them equal). The
  # push endpoint picks the handler by subscription name, so names must match exactly. Backoffs in seconds; filter:
  # attribute => value, every entry must match.
  subscriptions = {
    "backend-api.image-updated" = {
      topic                   = "image-updated"
      service                 = "backend-api"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = true
      filter                  = {}
    }
    "image-server.variant-ready" = {
      topic                   = "image-variant-ready"
      service                 = "image-server"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = true
      filter                  = {}
    }
    "clustering-worker.image-uploaded" = {
      topic                   = "image-uploaded"
      service                 = "clustering-worker"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    "generation-worker.generation-requested" = {
      topic                   = "generation-requested"
      service                 = "generation-worker"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    "processing-worker.processing-requested" = {
      topic                   = "processing-requested"
      service                 = "processing-worker"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    # Automation of the colour chain: each rule publishes a request once per image version.
    "generation-worker.image-clustered" = {
      topic                   = "image-clustered"
      service                 = "generation-worker"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    "processing-worker.image-clustered" = {
      topic                   = "image-clustered"
      service                 = "processing-worker"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    "notification-worker.activity" = {
      topic                   = "activity"
      service                 = "notification-worker"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = { source = "likes" }
    }
    "gallery-api.storage-events" = {
      topic                   = "gallery-storage"
      service                 = "gallery-api"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = { eventType = "OBJECT_FINALIZE" }
    }
    # Ordered by object key: the relay (gallery-api.storage-events) publishes with ordering keys, which Cloud Storage
    # does not.
    "gallery-api.catalog-objects" = {
      topic                   = "gallery-objects"
      service                 = "gallery-api"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = true
      filter                  = {}
    }
    # Cloud Storage's notifications of uploads/ (only new objects): the upload workflow, image work.
    "upload-pipeline.uploads-finalized" = {
      topic                   = "uploads-finalized"
      service                 = "upload-pipeline"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = { eventType = "OBJECT_FINALIZE" }
    }
    # Derivative backfill: its own subscription, so a backlog of it never delays new uploads.
    "upload-pipeline.backfill" = {
      topic                   = "upload-backfill"
      service                 = "upload-pipeline"
      ack_deadline_seconds    = 300
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    # Upload webhooks, retried with backoff and dead-lettered after the last attempt.
    "upload-pipeline.callbacks" = {
      topic                   = "upload-callbacks"
      service                 = "upload-pipeline"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
    # Upload status changes wake the backend's SSE streams.
    "backend-api.upload-status" = {
      topic                   = "upload-status"
      service                 = "backend-api"
      ack_deadline_seconds    = 60
      max_delivery_attempts   = 15
      minimum_backoff_seconds = 10
      maximum_backoff_seconds = 600
      ordered                 = false
      filter                  = {}
    }
  }

  # The subscription of the dead-letter topic itself: no dead_letter_policy (see its resource).
  dead_letter_subscription = {
    name                    = "backend-api.dead-letters"
    topic                   = "dead-letters"
    service                 = "backend-api"
    ack_deadline_seconds    = 60
    minimum_backoff_seconds = 10
    maximum_backoff_seconds = 600
    ordered                 = false
  }

  # Services Pub/Sub pushes to: every `service` above (the test holds them equal), each granted run.invoker to the
  # push service account.
  push_targets = ["backend-api", "image-server", "clustering-worker", "generation-worker", "processing-worker", "notification-worker", "gallery-api", "upload-pipeline"]

  # Created by Google when the Pub/Sub API is enabled (forced by google_project_service_identity below).
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_project_service_identity" "pubsub" {
  provider   = google-beta
  project    = var.project_id
  service    = "pubsub.googleapis.com"
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "topic" {
  for_each   = toset(local.topics)
  name       = each.key
  depends_on = [google_project_service.apis]
}

# --- Push identity -----------------------------------------------------------------------------------------------

# Pub/Sub signs each push with an OIDC token of this account (audience: the target service's URL). The workers
# only accept it through Cloud Run IAM; the public backend and image server verify it in the app (/pubsub/push).
resource "google_service_account" "pubsub_push" {
  account_id   = "pubsub-push"
  display_name = "Pub/Sub push (OIDC tokens of push deliveries)"
}

resource "google_cloud_run_v2_service_iam_member" "push_invoker" {
  for_each = toset(local.push_targets)
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service[each.key].name
  role     = "roles/run.invoker"
  member   = google_service_account.pubsub_push.member
}

# The Pub/Sub service agent mints the push account's OIDC tokens.
resource "google_service_account_iam_member" "pubsub_agent_mints_push_tokens" {
  service_account_id = google_service_account.pubsub_push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
  depends_on         = [google_project_service_identity.pubsub]
}

# --- Subscriptions -------------------------------------------------------------------------------------------------

resource "google_pubsub_subscription" "push" {
  for_each = local.subscriptions

  name                       = each.key
  topic                      = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds       = each.value.ack_deadline_seconds
  enable_message_ordering    = each.value.ordered
  filter                     = join(" AND ", [for k, v in each.value.filter : "attributes.${k} = \"${v}\""])
  message_retention_duration = "604800s"

  # Never delete a subscription for being idle: between events nothing flows for weeks (the default is 31 days).
  expiration_policy {
    ttl = ""
  }

  retry_policy {
    minimum_backoff = "${each.value.minimum_backoff_seconds}s"
    maximum_backoff = "${each.value.maximum_backoff_seconds}s"
  }

  # After the last attempt Pub/Sub forwards the message here; backend-api.dead-letters records it for operators.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.topic[local.dead_letter_topic].id
    max_delivery_attempts = each.value.max_delivery_attempts
  }

  push_config {
    push_endpoint = "${local.service_urls[each.value.service]}/pubsub/push"

    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
      audience              = local.service_urls[each.value.service]
    }
  }

  depends_on = [google_pubsub_topic_iam_member.pubsub_agent_publishes_dead_letters]
}

# The dead-letter topic's own subscription has no dead_letter_policy: dead-lettering a dead letter would send it
# back to the topic this subscription reads, in a loop. Instead it retries for as long as Pub/Sub keeps it (7 days
# of retention, backoff up to the 600 s maximum) until the backend has recorded it; the embedded bus does the same
# (it never dead-letters a dead letter).
resource "google_pubsub_subscription" "dead_letters" {
  name                       = local.dead_letter_subscription.name
  topic                      = google_pubsub_topic.topic[local.dead_letter_subscription.topic].id
  ack_deadline_seconds       = local.dead_letter_subscription.ack_deadline_seconds
  enable_message_ordering    = local.dead_letter_subscription.ordered
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }

  retry_policy {
    minimum_backoff = "${local.dead_letter_subscription.minimum_backoff_seconds}s"
    maximum_backoff = "${local.dead_letter_subscription.maximum_backoff_seconds}s"
  }

  push_config {
    push_endpoint = "${local.service_urls[local.dead_letter_subscription.service]}/pubsub/push"

    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
      audience              = local.service_urls[local.dead_letter_subscription.service]
    }
  }
}

# Dead-lettering runs as the Pub/Sub service agent: it must publish to the dead-letter topic and subscribe to (ack
# on) every source subscription, or Pub/Sub keeps redelivering instead of forwarding.
resource "google_pubsub_topic_iam_member" "pubsub_agent_publishes_dead_letters" {
  project    = var.project_id
  topic      = google_pubsub_topic.topic[local.dead_letter_topic].name
  role       = "roles/pubsub.publisher"
  member     = local.pubsub_agent
  depends_on = [google_project_service_identity.pubsub]
}

resource "google_pubsub_subscription_iam_member" "pubsub_agent_acks_sources" {
  for_each     = google_pubsub_subscription.push
  project      = var.project_id
  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
  depends_on   = [google_project_service_identity.pubsub]
}
