// Command floor makes the request consumer makes with net/http and
// encoding/json alone: the least a program doing that call can link, which
// consumer's size is measured against. It decodes into the types client
// decodes into (internal/apijson, plain structs that import nothing), so
// that the two programs decode the same fields and the difference between
// them is client's own.
// Usage: ELEVENLABS_API_KEY=... floor BASE_URL SECRET_ID
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/xisecrets/xisecrets/internal/apijson"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor BASE_URL SECRET_ID")
		os.Exit(2)
	}
	s, err := get(os.Args[1], os.Args[2], os.Getenv("ELEVENLABS_API_KEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	u := s.UsedBy
	inUse := len(u.Tools)+len(u.Agents)+len(u.PhoneNumbers)+len(u.MCPServers)+len(u.Others) > 0 ||
		u.ToolsHasMore || u.AgentsHasMore || u.PhoneNumbersHasMore
	fmt.Println(s.SecretID, s.Name, inUse)
}

func get(base, id, key string) (apijson.Secret, error) {
	var s apijson.Secret
	req, err := http.NewRequest(http.MethodGet, base+"/v1/convai/secrets/"+url.PathEscape(id), nil)
	if err != nil {
		return s, err
	}
	req.Header.Set("xi-api-key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("get secret: %s", resp.Status)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}
