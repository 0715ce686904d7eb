data "xisecrets_secrets" "app" {
  prefix = "APP_"
}

output "app_secret_names" {
  value = data.xisecrets_secrets.app.secrets[*].name
}
