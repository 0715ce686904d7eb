package specmerge

import (
	"reflect"
	"testing"
)

// 3.1 may give an exclusive and an inclusive bound on one side; 3.0 has
// room for one, so the tighter must survive.
func TestExclusiveBoundsKeepTheTighter(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   object
		want object
	}{
		{"exclusive only", object{"exclusiveMinimum": 1}, object{"minimum": 1, "exclusiveMinimum": true}},
		{"exclusive tighter", object{"exclusiveMinimum": 5, "minimum": 3}, object{"minimum": 5, "exclusiveMinimum": true}},
		{"inclusive tighter", object{"exclusiveMinimum": 5, "minimum": 7}, object{"minimum": 7}},
		{"equal: exclusive wins", object{"exclusiveMaximum": 10, "maximum": 10.0}, object{"maximum": 10, "exclusiveMaximum": true}},
		{"max inclusive tighter", object{"exclusiveMaximum": 10, "maximum": 8}, object{"maximum": 8}},
		{"already 3.0", object{"exclusiveMinimum": true, "minimum": 2}, object{"exclusiveMinimum": true, "minimum": 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			respellKeywords(tc.in)
			if !reflect.DeepEqual(tc.in, tc.want) {
				t.Errorf("got %v, want %v", tc.in, tc.want)
			}
		})
	}
}
