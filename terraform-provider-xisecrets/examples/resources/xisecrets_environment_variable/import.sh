# By label (or, if no variable has that label, by id).
terraform import xisecrets_environment_variable.db_url DB_URL
