package specmerge

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Result is a merged document and every repair made to reach it.
type Result struct {
	doc   map[string]any
	yaml  []byte
	Fixes []Fix
	// Warnings are oapi-codegen's about the configs Run generated with.
	Warnings []string
	// origin is the page that gave each component, by JSON pointer.
	origin map[string]string
}

// merge repairs and merges pages into one document. It fails, naming the
// files and the JSON pointer, when two pages disagree about the same
// operation or component, or when a page refers to something it lacks.
func merge(srcs []source) (*Result, error) {
	srcs = append([]source(nil), srcs...)
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].File < srcs[j].File })
	for i := 1; i < len(srcs); i++ {
		if srcs[i].File == srcs[i-1].File {
			return nil, fmt.Errorf("%s: given twice", srcs[i].File)
		}
	}
	raw, ov, err := parseSources(srcs)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	pages := make([]page, 0, len(raw))
	for _, r := range raw {
		if ov != nil {
			if err := ov.apply(r); err != nil {
				return nil, err
			}
		}
		p, err := decode(r)
		if err != nil {
			return nil, err
		}
		fixes, err := runRepairs(PageLevel, p.File, p.Doc)
		if err != nil {
			return nil, err
		}
		res.Fixes = append(res.Fixes, fixes...)
		if err := checkRefs(p); err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	if ov != nil {
		if err := ov.unmatched(); err != nil {
			return nil, err
		}
	}
	doc, origin, err := mergePages(pages)
	if err != nil {
		return nil, err
	}
	res.origin = origin
	fixes, err := runRepairs(DocumentLevel, "", doc)
	if err != nil {
		return nil, err
	}
	res.Fixes = append(res.Fixes, fixes...)
	res.doc = doc
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	res.yaml = buf.Bytes()
	return res, nil
}

// merger accumulates pages, remembering which page gave each part.
type merger struct {
	doc    object
	origin map[string]page // JSON pointer -> the page that gave it
}

func mergePages(pages []page) (object, map[string]string, error) {
	m := merger{
		doc: object{
			"openapi": "3.0.3",
			"info": object{
				"title":       "ElevenLabs API",
				"version":     "merged",
				"description": "Merged by xisecrets from the vendor's API pages in api/; do not edit, run go generate.",
			},
			"paths": object{},
		},
		origin: map[string]page{},
	}
	for _, p := range pages {
		if err := m.add(p); err != nil {
			return nil, nil, err
		}
	}
	origin := make(map[string]string, len(m.origin))
	for ptr, p := range m.origin {
		origin[ptr] = p.File
	}
	return m.doc, origin, nil
}

func (m *merger) add(p page) error {
	for _, s := range listOf(p.Doc["servers"]) {
		m.addServer(s)
	}
	for _, s := range listOf(p.Doc["security"]) {
		if !containsEqual(listOf(m.doc["security"]), s) {
			m.doc["security"] = append(listOf(m.doc["security"]), s)
		}
	}
	paths := child(p.Doc, "paths")
	for _, pth := range sortedKeys(paths) {
		item, _ := asObject(paths[pth])
		into := ensure(child(m.doc, "paths"), pth)
		for _, key := range sortedKeys(item) {
			op := deepCopy(item[key])
			if o, ok := asObject(op); ok && isHTTPMethod(key) {
				o["x-source-page"] = path.Base(p.File)
			}
			if err := m.put(into, key, op, p, pointer("paths", pth, key)); err != nil {
				return err
			}
		}
	}
	comps := child(p.Doc, "components")
	for _, section := range sortedKeys(comps) {
		named, _ := asObject(comps[section])
		into := ensure(ensure(m.doc, "components"), section)
		for _, name := range sortedKeys(named) {
			if err := m.put(into, name, deepCopy(named[name]), p, pointer("components", section, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// put stores v at into[key] unless another page already gave an equal one.
func (m *merger) put(into object, key string, v any, p page, ptr string) error {
	prev, exists := into[key]
	if !exists {
		into[key] = v
		m.origin[ptr] = p
		return nil
	}
	first := m.origin[ptr]
	if where, differs := differ(first, p, prev, v, ptr); differs {
		return fmt.Errorf("conflict: %s and %s both define %s but differ at %s; make them agree in the overlay in api/ if the drift is accepted",
			first.File, p.File, ptr, where)
	}
	return nil
}

// addServer adds a server unless one with the same URL is there; the first
// page to name a URL decides its position, later pages may add details.
func (m *merger) addServer(s any) {
	so, ok := asObject(s)
	if !ok {
		return
	}
	servers := listOf(m.doc["servers"])
	for _, e := range servers {
		eo, _ := asObject(e)
		if eo["url"] == so["url"] {
			for k, v := range so {
				if _, has := eo[k]; !has {
					eo[k] = deepCopy(v)
				}
			}
			return
		}
	}
	m.doc["servers"] = append(servers, deepCopy(so))
}

func listOf(v any) []any {
	l, _ := asList(v)
	return l
}

// checkRefs fails on a ref that does not resolve within its own page.
func checkRefs(p page) error {
	var err error
	walkRefs(p.Doc, "#", func(ref, ptr string) {
		if err != nil {
			return
		}
		if !strings.HasPrefix(ref, "#/") {
			err = fmt.Errorf("%s: %s: $ref %q: only refs within the page are supported", p.File, ptr, ref)
			return
		}
		if _, ok := resolve(p.Doc, ref); !ok {
			err = fmt.Errorf("%s: %s: unresolvable $ref %q", p.File, ptr, ref)
		}
	})
	return err
}
