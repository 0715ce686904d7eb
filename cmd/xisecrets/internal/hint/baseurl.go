package hint

import (
	"net"
	"strings"
)

// maxSuggestedURL bounds a base URL BaseURL suggests a fix for: longer
// text is no host typed by hand, and is not echoed.
const maxSuggestedURL = 100

// BaseURL suggests the fix for a base URL the client refused, "" when no
// fix is obvious. The one obvious fix is a missing scheme
// ("127.0.0.1:8080"): http:// for a loopback host (the only hosts plain
// http may reach), else https://. Only text made of a host name's
// characters and a port is echoed back, so a pasted key or any other
// stray text never is.
func BaseURL(u string) string {
	if u == "" || len(u) > maxSuggestedURL || strings.Contains(u, "://") {
		return ""
	}
	hostPort, _, _ := strings.Cut(u, "/")
	for _, c := range u {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]/_", c)
		if !ok {
			return ""
		}
	}
	host := hostPort
	if h, _, err := net.SplitHostPort(hostPort); err == nil {
		host = h
	}
	if host == "" || !strings.Contains(hostPort, ".") && !strings.Contains(hostPort, ":") && host != "localhost" {
		return "" // a word, not a host: perhaps a value typed in its place
	}
	scheme := "https://"
	if ip := net.ParseIP(strings.Trim(host, "[]")); host == "localhost" || ip != nil && ip.IsLoopback() {
		scheme = "http://"
	}
	return "a base URL starts with its scheme: did you mean " + scheme + u + "?"
}
