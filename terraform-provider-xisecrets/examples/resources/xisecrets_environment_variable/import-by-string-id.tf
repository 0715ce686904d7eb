import {
  to = xisecrets_environment_variable.db_url
  id = "DB_URL"
}
