import {
  to = xisecrets_secret.openai
  id = "OPENAI_KEY"
}
