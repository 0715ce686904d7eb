# By name (exact) or, if no secret has that name, by id. The first apply
# after an import sends the configured value.
terraform import xisecrets_secret.openai OPENAI_KEY
