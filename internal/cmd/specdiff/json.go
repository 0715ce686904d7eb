package main

// jsonReport is the report for programs: the refresh tool sorts its
// entries into the sections of a pull request's body. The text is as the
// spec and the compiler wrote it; a reader escapes it for its own medium.
type jsonReport struct {
	Base        string        `json:"base"`
	Wire        []jsonWire    `json:"wire"`
	Go          []jsonPackage `json:"go"`
	Breaking    bool          `json:"breaking"`
	NotCompared []string      `json:"not_compared,omitempty"`
}

// jsonWire is one wire change; Mark is BREAKING, MAYBREAK or info, as in
// the text report.
type jsonWire struct {
	Mark  string `json:"mark"`
	Where string `json:"where"`
	Text  string `json:"text"`
	ID    string `json:"id"`
}

// jsonPackage is what changed in one Go package.
type jsonPackage struct {
	Dir          string   `json:"dir"`
	Incompatible []string `json:"incompatible,omitempty"`
	Compatible   []string `json:"compatible,omitempty"`
	BrokenBy     []string `json:"broken_by,omitempty"`      // compiler errors now
	BaseBrokenBy []string `json:"base_broken_by,omitempty"` // compiler errors at the base
	Added        bool     `json:"added,omitempty"`
	Removed      bool     `json:"removed,omitempty"`
}

func (r *report) toJSON() jsonReport {
	j := jsonReport{Base: r.base, Wire: []jsonWire{}, Go: []jsonPackage{}, Breaking: r.breaking(), NotCompared: r.notCompared()}
	for _, c := range r.wire {
		j.Wire = append(j.Wire, jsonWire{Mark: wireMark(c), Where: c.Where, Text: c.Text, ID: c.ID})
	}
	for _, p := range r.goAPI {
		jp := jsonPackage{Dir: p.Dir, BrokenBy: p.BrokenBy, BaseBrokenBy: p.BaseBrokenBy, Added: p.Added, Removed: p.Removed}
		for _, c := range p.Changes {
			if c.Compatible {
				jp.Compatible = append(jp.Compatible, c.Message)
			} else {
				jp.Incompatible = append(jp.Incompatible, c.Message)
			}
		}
		j.Go = append(j.Go, jp)
	}
	return j
}
