package provider

import (
	"context"
	"os"
	"regexp"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The pages of docs/ (written by tfplugindocs: make provider-docs) name
// every attribute of the schema, and nothing else: a schema changed
// without regenerating them fails here, without the tool.
func TestDocsMatchSchema(t *testing.T) {
	ctx := context.Background()
	p := &xisecretsProvider{}
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	pages := map[string]map[string]attrType{"../../docs/index.md": attrsOf(ps.Schema.Attributes)}
	for _, f := range p.Resources(ctx) {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "xisecrets"}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		pages["../../docs/resources/"+m.TypeName[len("xisecrets_"):]+".md"] = attrsOf(s.Schema.Attributes)
	}
	for _, f := range p.DataSources(ctx) {
		d := f()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "xisecrets"}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		pages["../../docs/data-sources/"+m.TypeName[len("xisecrets_"):]+".md"] = attrsOf(s.Schema.Attributes)
	}
	item := regexp.MustCompile("(?m)^- `([a-z_0-9]+)` \\(")
	for page, attrs := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%v: every resource and data source has a page (make provider-docs)", err)
			continue
		}
		var documented []string
		for _, m := range item.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(documented, m[1]) {
				documented = append(documented, m[1])
			}
		}
		want := names(attrs)
		sort.Strings(documented)
		if !slices.Equal(documented, want) {
			t.Errorf("%s documents %v, the schema has %v: run make provider-docs", page, documented, want)
		}
	}
}

// attrType is an attribute's type, to find the names nested in it.
type attrType = attr.Type

func attrsOf[A interface{ GetType() attr.Type }](m map[string]A) map[string]attrType {
	out := map[string]attrType{}
	for n, a := range m {
		out[n] = a.GetType()
	}
	return out
}

// names is every attribute name, nested ones (of objects, lists of
// objects) included, sorted, each once.
func names(attrs map[string]attrType) []string {
	var out []string
	var walk func(n string, t attr.Type)
	walk = func(n string, t attr.Type) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
		switch t := t.(type) {
		case types.ObjectType:
			for k, v := range t.AttrTypes {
				walk(k, v)
			}
		case types.ListType:
			walk(n, t.ElemType)
		}
	}
	for n, t := range attrs {
		walk(n, t)
	}
	sort.Strings(out)
	return out
}
