data "xisecrets_environment_variable" "db_url" {
  label = "DB_URL"
}

output "db_url_production_secret" {
  value = data.xisecrets_environment_variable.db_url.values["production"]
}
