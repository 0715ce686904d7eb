package secretstest

// apiError is the vendor's shape for errors that are not validation errors:
// {"detail":{"status":"...","message":"..."}}. The spec declares none of
// these statuses, so clients can only rely on the shape, and the fake keeps
// it. Messages may name ids but never values.
type apiError struct {
	Detail apiErrorDetail `json:"detail"`
}

type apiErrorDetail struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

func newAPIError(status, message string) apiError {
	return apiError{apiErrorDetail{Status: status, Message: message}}
}

// Bodies that do not depend on the request.
var (
	errBodyMissingKey = newAPIError("missing_api_key", "Missing API key: send it in the xi-api-key header")
	errBodyInvalidKey = newAPIError("invalid_api_key", "Invalid API key")
)

func secretNotFound(id string) apiError {
	return newAPIError("secret_not_found", "Secret "+id+" not found")
}

// validationError is the 422 body, HTTPValidationError in the spec.
type validationError struct {
	Detail []validationDetail `json:"detail"`
}

// invalid is a 422 body with one entry.
func invalid(msg, typ string, loc ...any) validationError {
	return validationError{[]validationDetail{{Loc: loc, Msg: msg, Type: typ}}}
}

// routeError is FastAPI's body for an unknown path or method:
// {"detail":"Not Found"}.
type routeError struct {
	Detail string `json:"detail"`
}
