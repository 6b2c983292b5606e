# The edge: one global external Application Load Balancer in front of the public services (the backend API, the
# one-time URL server, the face gallery), with a Google-managed certificate for their domains and a Cloud Armor
# policy per service. Their ingress is internal and load balancer only (cloud-run.tf), so the run.app URLs answer
# nothing from the internet: every public request passes Cloud Armor. Pub/Sub still pushes to the run.app URLs
# (internal traffic). The callers of the image server's internal routes (backend, gallery, upload pipeline) reach it
# through its domain too (IMAGE_SERVER_URL in cloudbuild.yaml), which Cloud Armor lets through unthrottled: those
# routes check a Google-signed ID token before any work.

locals {
  # Rate limits per client IP, per minute (docs/scaling.md, "The edge"). A venue's Wi-Fi puts hundreds of phones
  # behind one NAT address, so the limits are for floods, not for people: 500 phones polling every 5 s from one
  # address are 6,000 requests a minute.
  edge_services = {
    "backend-api"  = { requests_per_minute_per_ip = 6000 }
    "image-server" = { requests_per_minute_per_ip = 6000 }
    # A selfie analysis is ~0.5 s of CPU (face-api): a flood of them is the expensive thing to stop.
    "gallery-api" = { requests_per_minute_per_ip = 600 }
  }

  # The path under which each public domain reaches the service's revision tagged `canary` (cloudbuild.yaml smoke-tests
  # a new revision there before moving traffic to it).
  canary_path = "/__canary/"
}

resource "google_compute_global_address" "edge" {
  name       = "event-photo-edge"
  depends_on = [google_project_service.apis]
}

# Each service, and its revision tagged `canary`, as a serverless network endpoint group.
resource "google_compute_region_network_endpoint_group" "service" {
  for_each              = local.edge_services
  name                  = "${each.key}-neg"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = google_cloud_run_v2_service.service[each.key].name
  }
}

resource "google_compute_region_network_endpoint_group" "canary" {
  for_each              = local.edge_services
  name                  = "${each.key}-canary-neg"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = google_cloud_run_v2_service.service[each.key].name
    tag     = "canary"
  }
}

resource "google_compute_security_policy" "edge" {
  for_each    = local.edge_services
  name        = "${each.key}-edge"
  description = "Rate limits of ${each.key} (infra/edge.tf)."

  adaptive_protection_config {
    layer_7_ddos_defense_config {
      enable = true
    }
  }

  # Service-to-service calls (ID tokens checked by the image server) share Google's egress addresses: not throttled.
  rule {
    action      = "allow"
    priority    = 1000
    description = "internal routes: authenticated by Google-signed ID tokens"
    match {
      expr {
        expression = "request.path.startsWith('/internal/')"
      }
    }
  }

  rule {
    action      = "throttle"
    priority    = 2000
    description = "per client IP"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = each.value.requests_per_minute_per_ip
        interval_sec = 60
      }
    }
  }

  rule {
    action      = "allow"
    priority    = 2147483647
    description = "default"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_compute_backend_service" "service" {
  for_each              = local.edge_services
  name                  = "${each.key}-edge"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  security_policy       = google_compute_security_policy.edge[each.key].id

  backend {
    group = google_compute_region_network_endpoint_group.service[each.key].id
  }

  log_config {
    enable      = true
    sample_rate = 0.1
  }
}

resource "google_compute_backend_service" "canary" {
  for_each              = local.edge_services
  name                  = "${each.key}-canary-edge"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  security_policy       = google_compute_security_policy.edge[each.key].id

  backend {
    group = google_compute_region_network_endpoint_group.canary[each.key].id
  }
}

resource "google_compute_url_map" "edge" {
  name            = "event-photo-edge"
  default_service = google_compute_backend_service.service["backend-api"].id

  dynamic "host_rule" {
    for_each = local.edge_services
    content {
      hosts        = [var.public_domains[host_rule.key]]
      path_matcher = host_rule.key
    }
  }

  dynamic "path_matcher" {
    for_each = local.edge_services
    content {
      name            = path_matcher.key
      default_service = google_compute_backend_service.service[path_matcher.key].id

      # DOMAIN/__canary/PATH reaches PATH on the revision tagged canary.
      route_rules {
        priority = 1
        match_rules {
          prefix_match = local.canary_path
        }
        service = google_compute_backend_service.canary[path_matcher.key].id
        route_action {
          url_rewrite {
            path_prefix_rewrite = "/"
          }
        }
      }
      route_rules {
        priority = 2
        match_rules {
          prefix_match = "/"
        }
        service = google_compute_backend_service.service[path_matcher.key].id
      }
    }
  }
}

resource "google_compute_managed_ssl_certificate" "edge" {
  name = "event-photo-edge"
  managed {
    domains = [for service in keys(local.edge_services) : var.public_domains[service]]
  }
}

resource "google_compute_target_https_proxy" "edge" {
  name             = "event-photo-edge"
  url_map          = google_compute_url_map.edge.id
  ssl_certificates = [google_compute_managed_ssl_certificate.edge.id]
}

resource "google_compute_global_forwarding_rule" "https" {
  name                  = "event-photo-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.edge.id
  port_range            = "443"
  target                = google_compute_target_https_proxy.edge.id
}

# Plain HTTP only redirects to HTTPS.
resource "google_compute_url_map" "http_redirect" {
  name = "event-photo-http-redirect"
  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
}

resource "google_compute_target_http_proxy" "http_redirect" {
  name    = "event-photo-http-redirect"
  url_map = google_compute_url_map.http_redirect.id
}

resource "google_compute_global_forwarding_rule" "http" {
  name                  = "event-photo-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.edge.id
  port_range            = "80"
  target                = google_compute_target_http_proxy.http_redirect.id
}
