# A whole configuration, run end to end by the provider's tests against
# `xisecrets fake`: the provider block is empty, so the key comes from
# ELEVENLABS_API_KEY and the host from XISECRETS_BASE_URL or XISECRETS_REGION.
#
#   export ELEVENLABS_API_KEY=... XISECRETS_REGION=eu
#   TF_VAR_db_password=... terraform apply
#
# In production the value would rather come from an ephemeral resource of
# the secrets store it lives in (docs/index.md, "Where values come from").
terraform {
  required_version = ">= 1.11"
  required_providers {
    xisecrets = {
      source = "xisecrets/xisecrets"
    }
  }
}

provider "xisecrets" {}

variable "db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

variable "db_password_version" {
  type    = number
  default = 1
}

resource "xisecrets_secret" "db" {
  name             = "APP_DB_PASSWORD"
  value_wo         = var.db_password
  value_wo_version = var.db_password_version
}

data "xisecrets_secrets" "app" {
  prefix     = "APP_"
  depends_on = [xisecrets_secret.db]
}

output "secret_id" {
  value = xisecrets_secret.db.id
}

output "app_secrets" {
  value = data.xisecrets_secrets.app.secrets[*].name
}
