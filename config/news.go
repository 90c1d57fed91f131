package config

import (
	"fmt"
	"net/url"

	"github.com/loa-vn/loa/when"
)

func (c *Config) validateNews() error {
	topics := map[string]bool{}
	for _, t := range c.Units.Topics {
		topics[t.Key] = true
	}
	for topic := range c.News.TopicRules {
		if !topics[topic] {
			return &Error{Key: "news.topic_rules." + topic, Reason: "not a topic of the catalogue"}
		}
	}
	names := map[string]bool{}
	for i, s := range c.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		switch {
		case s.Name == "":
			return &Error{Key: key + ".name", Reason: "required"}
		case names[s.Name]:
			return &Error{Key: key + ".name", Reason: fmt.Sprintf("%q is used twice", s.Name)}
		case s.Kind != "rss" && s.Kind != "atom" && s.Kind != "html":
			return &Error{Key: key + ".kind", Reason: fmt.Sprintf("%q is not rss, atom or html", s.Kind)}
		}
		names[s.Name] = true
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &Error{Key: key + ".url", Reason: fmt.Sprintf("%q is not an http(s) URL", s.URL)}
		}
		if s.Schedule == "" {
			c.Sources[i].Schedule = "*/30 * * * *"
		} else if _, err := when.ParseRule(s.Schedule); err != nil {
			return &Error{Key: key + ".schedule", Reason: err.Error()}
		}
		for _, t := range s.Topics {
			if !topics[t] {
				return &Error{Key: key + ".topics", Reason: fmt.Sprintf("%q is not a topic of the catalogue", t)}
			}
		}
		if s.Kind == "html" && s.Selectors.Links == "" {
			return &Error{Key: key + ".selectors.links", Reason: "an HTML portal needs the CSS selector of its article links"}
		}
	}
	return nil
}

// Gazetteer lists the names of communes and wards in the catalogue, without "Xã"/"Phường",
// for finding places in articles.
func (c *Config) Gazetteer() []string {
	var out []string
	for _, u := range c.Units.Units {
		if u.Kind != "commune" && u.Kind != "ward" {
			continue
		}
		name := u.Name
		for _, prefix := range []string{"Xã ", "Phường ", "xã ", "phường "} {
			if len(name) > len(prefix) && name[:len(prefix)] == prefix {
				name = name[len(prefix):]
			}
		}
		out = append(out, name)
	}
	return out
}
