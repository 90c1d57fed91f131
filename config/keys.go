package config

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// unknownKey finds the first key in a YAML document that t has no field for, and names it by
// its path ("telegram.tokne", "sources[1].selectors.linx") rather than by the Go type, which
// means nothing to an operator.
func unknownKey(data []byte, t reflect.Type) (path string, line int, found bool) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return "", 0, false
	}
	return walkKeys(doc.Content[0], t, "")
}

func walkKeys(n *yaml.Node, t reflect.Type, prefix string) (string, int, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			path := strings.TrimPrefix(prefix+"."+key.Value, ".")
			field, ok := fieldByTag(t, key.Value)
			if !ok {
				return path, key.Line, true
			}
			if p, l, found := walkKeys(value, field.Type, path); found {
				return p, l, true
			}
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if p, l, found := walkKeys(n.Content[i+1], t.Elem(), prefix+"."+n.Content[i].Value); found {
				return p, l, true
			}
		}
	case n.Kind == yaml.SequenceNode && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for i, item := range n.Content {
			if p, l, found := walkKeys(item, t.Elem(), fmt.Sprintf("%s[%d]", prefix, i)); found {
				return p, l, true
			}
		}
	}
	return "", 0, false
}

// fieldByTag finds the field a YAML key sets, looking into inlined structs.
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			if inner, ok := fieldByTag(f.Type, key); ok {
				return inner, true
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
