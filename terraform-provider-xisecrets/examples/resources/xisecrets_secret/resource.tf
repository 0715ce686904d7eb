# The value comes from an ephemeral variable (or an ephemeral resource):
# it reaches the provider during the apply and is never stored.
variable "openai_key" {
  type      = string
  ephemeral = true
  sensitive = true
}

resource "xisecrets_secret" "openai" {
  name             = "OPENAI_KEY"
  value_wo         = var.openai_key
  value_wo_version = 1 # bump to send a new value
}
