terraform {
  required_version = ">= 1.11" # write-only arguments
  required_providers {
    xisecrets = {
      source = "xisecrets/xisecrets"
    }
  }
}

# The key from ELEVENLABS_API_KEY, the host from XISECRETS_REGION or
# XISECRETS_BASE_URL when the block does not set them.
provider "xisecrets" {
  region = "eu"
}
