locals {
  firestore_location = coalesce(var.firestore_location, var.region)

  # Composite indexes and field overrides (single-field index exemptions, TTL policies) in the Firebase CLI's format
  # (firestore.indexes.json), so one file serves both `firebase deploy --only firestore:indexes` and Terraform.
  firestore_config = jsondecode(file("${path.module}/firestore.indexes.json"))

  # Keyed by collection group, scope and fields: the identity of an index.
  firestore_indexes = {
    for index in local.firestore_config.indexes :
    "${index.collectionGroup}/${lookup(index, "queryScope", "COLLECTION")}/${join(",", [for f in index.fields : "${f.fieldPath}:${lookup(f, "order", lookup(f, "arrayConfig", ""))}"])}" => index
  }

  firestore_field_overrides = {
    for override in lookup(local.firestore_config, "fieldOverrides", []) : "${override.collectionGroup}/${override.fieldPath}" => override
  }
}

resource "google_firestore_database" "default" {
  name                    = "(default)"
  location_id             = local.firestore_location
  type                    = "FIRESTORE_NATIVE"
  delete_protection_state = var.deletion_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy         = "ABANDON"
  # Point-in-time recovery: any minute of the last 7 days can be read or exported (a bad deploy, a wrong import);
  # docs/operations.md, "Restoring Firestore".
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  depends_on                        = [google_project_service.apis]
}

# A daily backup kept for var.firestore_backup_retention_days, reaching further back than PITR's 7 days; a backup
# restores into a new database (docs/operations.md).
resource "google_firestore_backup_schedule" "daily" {
  database  = google_firestore_database.default.name
  retention = "${var.firestore_backup_retention_days * 86400}s"

  daily_recurrence {}
}

resource "google_firestore_index" "index" {
  for_each    = local.firestore_indexes
  database    = google_firestore_database.default.name
  collection  = "${var.firestore_collection_prefix}${each.value.collectionGroup}"
  query_scope = lookup(each.value, "queryScope", "COLLECTION")

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.fieldPath
      order        = lookup(fields.value, "order", null)
      array_config = lookup(fields.value, "arrayConfig", null)
    }
  }
}

# Per-field settings. `indexes: []` exempts a field from single-field indexing (large blobs such as palette colours,
# dead letters' data; timestamps written in sequence, which would hot-spot one index tablet past ~500 writes/s);
# `ttl: true` makes Firestore delete documents once that timestamp has passed, typically within a day. One-time
# tokens (oneTimeTokens/{tokenHash}.expiresAt, shared/src/adapters/firestore/one-time-token-repository.firestore.ts)
# expire this way; until deleted they answer 'expired'.
resource "google_firestore_field" "override" {
  for_each   = local.firestore_field_overrides
  database   = google_firestore_database.default.name
  collection = "${var.firestore_collection_prefix}${each.value.collectionGroup}"
  field      = each.value.fieldPath

  # Absent `indexes`: the field keeps the database's automatic indexes. Present: exactly these (none if empty).
  dynamic "index_config" {
    for_each = contains(keys(each.value), "indexes") ? [each.value.indexes] : []
    content {
      dynamic "indexes" {
        for_each = index_config.value
        content {
          query_scope  = lookup(indexes.value, "queryScope", "COLLECTION")
          order        = lookup(indexes.value, "order", null)
          array_config = lookup(indexes.value, "arrayConfig", null)
        }
      }
    }
  }

  dynamic "ttl_config" {
    for_each = lookup(each.value, "ttl", false) ? [true] : []
    content {}
  }
}

# The face gallery's nearest-face search (FirestoreFaceIndex: findNearest on faceIndex.descriptor, EUCLIDEAN): a
# flat vector index of face-api's 128-number descriptors. Kept here rather than in firestore.indexes.json, whose
# entries are ordered or array fields.
resource "google_firestore_index" "face_descriptors" {
  database    = google_firestore_database.default.name
  collection  = "${var.firestore_collection_prefix}faceIndex"
  query_scope = "COLLECTION"

  fields {
    field_path = "descriptor"
    vector_config {
      dimension = 128
      flat {}
    }
  }
}
