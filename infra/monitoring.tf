# Alerts on the event bus (docs/scaling.md, "Bursts"). Retries are sized to outlast a burst (15 attempts, ~90 min),
# so a message stuck that long is news, and a dead letter always is: someone looks at GET /admin/dead-letters.

locals {
  # A backlog older than this is ~10x the 500-image burst's drain time at full capacity (50 instances x 2 jobs at
  # ~10 s per 24 MP photo: ~50 s, ~100 s for the upload pipeline's derivatives): the workers are far short of capacity
  # (quota, max instances, a crash loop), and at this age nothing has been dead-lettered yet.
  oldest_unacked_alert_seconds = 900
}

resource "google_monitoring_alert_policy" "oldest_unacked_message" {
  display_name = "Pub/Sub: a message waits more than ${local.oldest_unacked_alert_seconds / 60} min"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "oldest unacked message age"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
      comparison      = "COMPARISON_GT"
      threshold_value = local.oldest_unacked_alert_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A subscription's oldest message has waited over ${local.oldest_unacked_alert_seconds} s. Check the target service's logs and instances (429s at max instances, a crash loop), raise its max instances if the backlog is a burst (docs/scaling.md), and the region's Cloud Run quota."
  }

  notification_channels = var.alert_notification_channels
  depends_on            = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "Pub/Sub: messages dead-lettered"
  combiner     = "OR"
  severity     = "ERROR"

  # Anything published to the dead-letter topic: a job gave up (poison or out of attempts).
  conditions {
    display_name = "messages published to dead-letters"
    condition_threshold {
      filter          = "resource.type = \"pubsub_topic\" AND resource.labels.topic_id = \"${local.dead_letter_topic}\" AND metric.type = \"pubsub.googleapis.com/topic/send_message_operation_count\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }

  # Dead letters the backend has not recorded (its subscription's backlog): they are not in GET /admin/dead-letters.
  conditions {
    display_name = "dead-letter backlog"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${local.dead_letter_subscription.name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "600s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Messages were dead-lettered. GET /admin/dead-letters lists them with their reasons; replay them once the cause is fixed (docs/operations.md). A backlog on backend-api.dead-letters means the backend cannot record them: check its logs."
  }

  notification_channels = var.alert_notification_channels
  depends_on            = [google_project_service.apis]
}
