data "xisecrets_secret" "openai" {
  name = "OPENAI_KEY"
}

output "openai_key_users" {
  value = data.xisecrets_secret.openai.dependents.agents[*].name
}
