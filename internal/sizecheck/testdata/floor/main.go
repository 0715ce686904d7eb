// Command floor makes the request consumer makes with net/http and
// encoding/json alone: the least a program doing that call can link, which
// consumer's size is measured against.
// Usage: ELEVENLABS_API_KEY=... floor BASE_URL SECRET_ID
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
)

// dependent is the union of the vendor's dependent shapes, as client
// decodes it.
type dependent struct {
	Type                  string   `json:"type"`
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	AccessLevel           string   `json:"access_level"`
	CreatedAtUnixSecs     *int64   `json:"created_at_unix_secs"`
	ReferencedResourceIDs []string `json:"referenced_resource_ids"`
	PhoneNumberID         string   `json:"phone_number_id"`
	PhoneNumber           string   `json:"phone_number"`
	Label                 string   `json:"label"`
	Provider              string   `json:"provider"`
}

// storedSecret holds the fields of the response that client.StoredSecret
// carries.
type storedSecret struct {
	SecretID string `json:"secret_id"`
	Name     string `json:"name"`
	UsedBy   struct {
		Tools               []dependent `json:"tools"`
		Agents              []dependent `json:"agents"`
		PhoneNumbers        []dependent `json:"phone_numbers"`
		MCPServers          []dependent `json:"mcp_servers"`
		Others              []string    `json:"others"`
		ToolsHasMore        bool        `json:"tools_has_more"`
		AgentsHasMore       bool        `json:"agents_has_more"`
		PhoneNumbersHasMore bool        `json:"phone_numbers_has_more"`
	} `json:"used_by"`
}

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

func get(base, id, key string) (storedSecret, error) {
	var s storedSecret
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
