package output

// Profile is a line of auth list --json: a profile of config.json, where
// its key is kept (never the key), and whether a command given no
// --profile uses it. KeyringAccount is set for key_storage "keyring",
// CredentialsFile for "file"; Region is absent for a base URL.
type Profile struct {
	Active          bool   `json:"active"`
	BaseURL         string `json:"base_url"`
	CredentialsFile string `json:"credentials_file,omitempty"`
	KeyStorage      string `json:"key_storage"`
	KeyringAccount  string `json:"keyring_account,omitempty"`
	KeyringService  string `json:"keyring_service,omitempty"`
	Profile         string `json:"profile"`
	Region          string `json:"region,omitempty"`
}

// AuthStatus is the line of auth status --json: the settings a command
// would use and where each came from, and Works, whether one listing
// answered with the key: false when the API refused it, null when it was
// not checked (no key, or one that cannot be sent to this host: nothing
// sent; or the API could not be reached). KeyFrom is environment, keyring, file or none; ProfileFrom is
// --profile, XISECRETS_PROFILE or default; HostFrom is a flag, a
// variable, profile or default. Error is why the check failed, as the
// command's error says it.
type AuthStatus struct {
	BaseURL         string `json:"base_url"`
	CredentialsFile string `json:"credentials_file,omitempty"`
	Error           string `json:"error,omitempty"`
	HostFrom        string `json:"host_from"`
	KeyFrom         string `json:"key_from"`
	KeyringAccount  string `json:"keyring_account,omitempty"`
	KeyringService  string `json:"keyring_service,omitempty"`
	Profile         string `json:"profile"`
	ProfileFrom     string `json:"profile_from"`
	Region          string `json:"region,omitempty"`
	Works           *bool  `json:"works"`
}
