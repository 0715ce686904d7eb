package specmerge

import (
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"os"
	"regexp"
	"testing"
)

func TestDbg(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("DBG_PAGE"))
	res := mustMerge(t, []source{{File: "api/x.yaml", Data: data}})
	doc, err := validate(res.yaml)
	if err != nil {
		t.Fatal(err)
	}
	cfg := repoGeneratorConfig(t)
	code, err := codegen.Generate(doc, cfg.Configuration)
	t.Log(err)
	re := regexp.MustCompile(`(?m)^(type|func|\t[A-Z]\w* \w+ = ).*$`)
	for _, l := range re.FindAllString(code, -1) {
		t.Log(l)
	}
	t.Log(res.Fixes)
}
