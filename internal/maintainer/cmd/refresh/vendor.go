package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// maxDocument bounds the vendor's document, compressed or not: the whole
// API was 2.5 MB in 2026; a response far larger is not an OpenAPI document.
const maxDocument = 64 << 20

// readVendor returns the vendor's document at src, a path or an http(s)
// URL, gunzipped when it is gzip (whatever its name says). JSON or YAML is
// left to the parser: JSON is YAML.
func readVendor(src string) ([]byte, error) {
	var data []byte
	var err error
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		data, err = download(src)
	} else {
		data, err = readLimited(src)
	}
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	return limited(src, zr)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return limited(path, f)
}

func download(url string) ([]byte, error) {
	c := &http.Client{Timeout: 2 * time.Minute}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return limited(url, resp.Body)
}

func limited(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxDocument {
		return nil, fmt.Errorf("%s: larger than %d MiB, too large for an OpenAPI document", name, maxDocument>>20)
	}
	return data, nil
}

// parseVendor parses the vendor's document and checks it has operations:
// an HTML error page or an empty object would otherwise read as a vendor
// that removed every operation.
func parseVendor(name string, src []byte) (*pagecut.Document, error) {
	doc, err := pagecut.Parse(name, src)
	if err != nil {
		return nil, err
	}
	if len(doc.Operations()) == 0 {
		return nil, fmt.Errorf("%s: no operations: not the vendor's OpenAPI document", name)
	}
	return doc, nil
}
