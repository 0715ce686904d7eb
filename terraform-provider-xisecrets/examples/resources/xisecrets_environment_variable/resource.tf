# Tools reference {{system_env__DB_URL}}; each environment binds its own secret.
resource "xisecrets_environment_variable" "db_url" {
  label = "DB_URL"
  type  = "secret"
  values = {
    production = xisecrets_secret.db_prod.id
    staging    = xisecrets_secret.db_staging.id
  }
}

resource "xisecrets_environment_variable" "api_host" {
  label = "API_HOST"
  type  = "string"
  values = {
    production = "api.example.com"
  }
}
